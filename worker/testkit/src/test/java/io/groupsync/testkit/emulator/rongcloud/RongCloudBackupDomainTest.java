package io.groupsync.testkit.emulator.rongcloud;

import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.APP_KEY;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.APP_SECRET;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.fields;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.form;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.ManualEmulatorClock;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RongCloudBackupDomainTest {

    private final ManualEmulatorClock clock = new ManualEmulatorClock();
    private RongCloudEmulator primary;
    private RongCloudEmulator backup;
    private RongCloudTestClient toPrimary;
    private RongCloudTestClient toBackup;

    @BeforeEach
    void start() {
        primary = new RongCloudEmulator(APP_KEY, APP_SECRET, clock).start();
        backup = primary.backupDomain().start();
        toPrimary = new RongCloudTestClient(primary, clock);
        toBackup = new RongCloudTestClient(backup, clock);
        primary.seedGroup("group1", "Group one");
    }

    @AfterEach
    void stop() {
        primary.close();
        backup.close();
    }

    @Test
    void theTwoDomainsListenOnTheirOwnPorts() {
        assertThat(backup.baseUri()).isNotEqualTo(primary.baseUri());
    }

    @Test
    void aChangeThroughOneDomainIsSeenThroughTheOther() throws Exception {
        assertThat(toPrimary.updateProfile(rename("Through A")).status()).isEqualTo(200);
        assertThat(backup.group("group1").groupProfile().name()).isEqualTo("Through A");

        assertThat(toBackup.updateProfile(rename("Through B")).status()).isEqualTo(200);
        assertThat(primary.group("group1").groupProfile().name()).isEqualTo("Through B");
    }

    @Test
    void aBackendBuiltByHandServesBothDomainsAlike() throws Exception {
        RongCloudBackend backend = new RongCloudBackend(APP_KEY, APP_SECRET, clock);
        backend.seedGroup("shared", "Shared");
        try (RongCloudEmulator first = new RongCloudEmulator(backend).start();
             RongCloudEmulator second = new RongCloudEmulator(backend).start()) {
            new RongCloudTestClient(second, clock).updateProfile(
                    fields("groupId", "shared", "groupProfile", json("name", "Seen by all")));

            assertThat(first.group("shared").groupProfile().name()).isEqualTo("Seen by all");
            assertThat(backend.group("shared").groupProfile().name()).isEqualTo("Seen by all");
        }
    }

    @Test
    void bothDomainsCountAgainstOneQuota() throws Exception {
        for (int i = 0; i < 60; i++) {
            assertThat(toPrimary.updateProfile(rename("a" + i)).status()).isEqualTo(200);
        }
        for (int i = 0; i < 40; i++) {
            assertThat(toBackup.updateProfile(rename("b" + i)).status()).isEqualTo(200);
        }

        assertThat(toPrimary.updateProfile(rename("over")).code()).isEqualTo(1008);
        assertThat(toBackup.updateProfile(rename("over")).code()).isEqualTo(1008);
    }

    @Test
    void aRequestReplayedOnTheOtherDomainIsRefused() throws Exception {
        Map<String, String> headers = toPrimary.signedHeaders();
        String body = form(rename("Once"));

        assertThat(toPrimary.post(RongCloudEmulator.PROFILE_UPDATE_PATH, body, headers).status()).isEqualTo(200);

        assertThat(toBackup.post(RongCloudEmulator.PROFILE_UPDATE_PATH, body, headers).code()).isEqualTo(1004);
    }

    @Test
    void faultsAndCallLogsBelongToOneDomain() throws Exception {
        primary.faults().forceNext(Fault.DROP, 1);

        assertThatThrownBy(() -> toPrimary.updateProfile(rename("lost"))).isInstanceOf(IOException.class);
        assertThat(toBackup.updateProfile(rename("failed over")).status()).isEqualTo(200);

        assertThat(primary.calls().count()).isEqualTo(1);
        assertThat(backup.calls().count()).isEqualTo(1);
        assertThat(primary.group("group1").groupProfile().name()).isEqualTo("failed over");
    }

    @Test
    void theServiceSwitchIsOneForTheApp() throws Exception {
        primary.setServiceEnabled(false);

        assertThat(toBackup.updateProfile(rename("x")).code()).isEqualTo(1009);
    }

    private static Map<String, String> rename(String name) {
        return fields("groupId", "group1", "groupProfile", json("name", name));
    }
}
