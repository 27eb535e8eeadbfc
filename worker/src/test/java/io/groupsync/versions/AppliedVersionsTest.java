package io.groupsync.versions;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.Field;
import io.groupsync.model.PendingKey;
import io.groupsync.model.Target;
import io.groupsync.model.Version;
import io.groupsync.time.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppliedVersionsTest {

    private final ManualClock clock = new ManualClock();
    private final AppliedVersions versions = new AppliedVersions(Duration.ofHours(1), clock);
    private final String name = VersionKeys.of(new PendingKey("r", "g", Target.group()), Field.NAME);

    @Test
    void anOlderVersionAppliedLaterDoesNotReplaceTheNewerOneKept() {
        assertThat(versions.applied(0, name, new Version(0, 0, 9))).isNotNull();
        assertThat(versions.applied(0, name, new Version(0, 0, 3))).isNull();
        assertThat(versions.get(0, name)).isEqualTo(new Version(0, 0, 9));
    }

    @Test
    void anEntryOlderThanTheWindowIsDroppedAndNotRestored() {
        versions.applied(0, name, new Version(0, 0, 1));
        clock.advance(Duration.ofMinutes(61));
        AppliedVersions.Entry old = new AppliedVersions.Entry(new Version(0, 0, 1), 0);

        assertThat(versions.expire()).isEqualTo(1);
        versions.restored(0, name, old);
        assertThat(versions.get(0, name)).isNull();
    }

    @Test
    void aPartitionForgottenKeepsNothingAndTheOthersKeepTheirs() {
        versions.applied(0, name, new Version(0, 0, 1));
        versions.applied(1, name, new Version(0, 1, 1));
        versions.forget(List.of(0));
        assertThat(versions.get(0, name)).isNull();
        assertThat(versions.get(1, name)).isEqualTo(new Version(0, 1, 1));
    }

    @Test
    void keysOfDifferentTargetsRoutesAndCustomKeysNeverCollideAndValuesRoundTrip() {
        PendingKey group = new PendingKey("r", "g", Target.group());
        assertThat(VersionKeys.of(new PendingKey("r", "g1", Target.group()), Field.NAME))
                .isNotEqualTo(VersionKeys.of(new PendingKey("r1", "g", Target.group()), Field.NAME));
        assertThat(VersionKeys.ofCustom(group, "a")).isNotEqualTo(VersionKeys.ofCustom(group, "b"))
                .isNotEqualTo(VersionKeys.ofCustom(new PendingKey("r", "g", Target.member("m")), "a"));
        AppliedVersions.Entry entry = new AppliedVersions.Entry(new Version(5, 2, 7), 11);
        assertThat(VersionKeys.entry(VersionKeys.value(entry))).isEqualTo(entry);
        assertThat(VersionKeys.entry(null)).as("a tombstone").isNull();
    }
}
