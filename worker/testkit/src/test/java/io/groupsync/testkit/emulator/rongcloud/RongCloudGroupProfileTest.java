package io.groupsync.testkit.emulator.rongcloud;

import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.APP_KEY;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.APP_SECRET;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.fields;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.ManualEmulatorClock;
import io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.Answer;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RongCloudGroupProfileTest {

    private static final String GROUP = "group1";

    private final ManualEmulatorClock clock = new ManualEmulatorClock();
    private RongCloudEmulator emulator;
    private RongCloudTestClient client;

    @BeforeEach
    void start() {
        emulator = new RongCloudEmulator(APP_KEY, APP_SECRET, clock).start();
        client = new RongCloudTestClient(emulator, clock);
        emulator.seedGroup(GROUP, "Group one");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @ParameterizedTest
    @CsvSource({"name, 64", "introduction, 512", "announcement, 1024", "portraitUrl, 128"})
    void aProfileFieldAtItsLimitIsStoredAndOneCharacterMoreIsRefusedWith1005(String key, int limit)
            throws Exception {
        assertThat(update("groupProfile", json(key, "x".repeat(limit))).status()).isEqualTo(200);
        assertThat(profileField(key)).hasSize(limit);

        Answer tooLong = update("groupProfile", json(key, "y".repeat(limit + 1)));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo(1005);
        assertThat(profileField(key)).isEqualTo("x".repeat(limit));
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() throws Exception {
        String grin = "\uD83D\uDE00";

        assertThat(update("groupProfile", json("name", grin.repeat(64))).status()).isEqualTo(200);
        assertThat(update("groupProfile", json("name", grin.repeat(65))).code()).isEqualTo(1005);
        assertThat(emulator.group(GROUP).groupProfile().name()).isEqualTo(grin.repeat(64));
    }

    @Test
    void fieldsLeftOutAreUnchangedAndAnEmptyIntroductionClearsIt() throws Exception {
        update("groupProfile", json("introduction", "Intro", "announcement", "News"));
        update("groupProfile", json("introduction", ""));

        assertThat(emulator.group(GROUP).groupProfile())
                .isEqualTo(new GroupState.GroupProfile("Group one", "", "News", null));
    }

    @Test
    void anEmptyNameIsRefusedWith1002() throws Exception {
        assertThat(update("groupProfile", json("name", "")).code()).isEqualTo(1002);
    }

    @Test
    void aProfileKeyThePageDoesNotListIsRefusedWith1002() throws Exception {
        Answer answer = update("groupProfile", json("notification", "News"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(1002);
    }

    @ParameterizedTest
    @CsvSource({"joinPerm, 3", "removePerm, 2", "memInvitePerm, 2", "invitePerm, 1", "profilePerm, 2",
            "memProfilePerm, 2"})
    void aPermissionTakesZeroToItsMaximumAndNothingElse(String key, int max) throws Exception {
        assertThat(update("permissions", json(key, max)).status()).isEqualTo(200);

        assertThat(update("permissions", json(key, max + 1)).code()).isEqualTo(1002);
        assertThat(update("permissions", json(key, -1)).code()).isEqualTo(1002);
        assertThat(update("permissions", json(key, "1")).code()).isEqualTo(1002);
        assertThat(update("permissions", json(key, 1.5)).code()).isEqualTo(1002);
        assertThat(update("permissions", json(key, 0)).status()).isEqualTo(200);
        assertThat(update("permissions", json(key, max)).status()).isEqualTo(200);
    }

    @Test
    void permissionsAreStoredUnderTheirOwnNames() throws Exception {
        update("permissions", json("joinPerm", 3, "removePerm", 1, "memInvitePerm", 2, "invitePerm", 1,
                "profilePerm", 2, "memProfilePerm", 1));

        assertThat(emulator.group(GROUP).permissions()).isEqualTo(new GroupState.Permissions(3, 1, 2, 1, 2, 1));
    }

    @Test
    void anExtKeyOf32CharactersIsAcceptedAndOf33RefusedWith1005() throws Exception {
        String key32 = "ext_" + "k".repeat(28);
        String key33 = "ext_" + "k".repeat(29);

        assertThat(update("groupExtProfile", json(key32, "v")).status()).isEqualTo(200);
        Answer tooLong = update("groupExtProfile", json(key33, "v"));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo(1005);
        assertThat(emulator.group(GROUP).groupExtProfile()).containsOnlyKeys(key32);
    }

    @ParameterizedTest
    @ValueSource(strings = {"color", "EXT_color", "ext", "ext_"})
    void anExtKeyWithoutTheExtPrefixAndANameIsRefusedWith1002(String key) throws Exception {
        Answer answer = update("groupExtProfile", json(key, "v"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(1002);
    }

    @Test
    void anExtValueOf256CharactersIsAcceptedAndOf257RefusedWith1005() throws Exception {
        assertThat(update("groupExtProfile", json("ext_a", "v".repeat(256))).status()).isEqualTo(200);

        Answer tooLong = update("groupExtProfile", json("ext_a", "w".repeat(257)));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo(1005);
        assertThat(emulator.group(GROUP).groupExtProfile().get("ext_a")).isEqualTo("v".repeat(256));
    }

    @Test
    void anExtValueThatIsNotAStringIsRefusedWith1002() throws Exception {
        assertThat(update("groupExtProfile", json("ext_a", 7)).code()).isEqualTo(1002);
    }

    @Test
    void anEleventhExtPairIsRefusedWith1002AndNothingChanges() throws Exception {
        emulator.backend().seedGroup(withExtPairs(10));

        Answer answer = update("groupExtProfile", json("ext_k10", "v"), "groupProfile", json("name", "New"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(1002);
        assertThat(emulator.group(GROUP)).isEqualTo(withExtPairs(10));
    }

    @Test
    void atTenPairsAKeyCanBeReplacedOrSwappedForAnother() throws Exception {
        emulator.backend().seedGroup(withExtPairs(10));

        assertThat(update("groupExtProfile", json("ext_k0", "new")).status()).isEqualTo(200);
        assertThat(update("groupExtProfile", json("ext_k1", "", "ext_k10", "v")).status()).isEqualTo(200);

        assertThat(emulator.group(GROUP).groupExtProfile()).hasSize(10)
                .containsEntry("ext_k0", "new").containsKey("ext_k10").doesNotContainKey("ext_k1");
    }

    @Test
    void anEmptyExtValueDeletesItsKeyAndOtherKeysStay() throws Exception {
        update("groupExtProfile", json("ext_a", "1", "ext_b", "2"));
        update("groupExtProfile", json("ext_a", "", "ext_never_set", ""));

        assertThat(emulator.group(GROUP).groupExtProfile()).containsExactly(Map.entry("ext_b", "2"));
    }

    @Test
    void theMaximumNumberOfExtPairsIsSettable() throws Exception {
        emulator.backend().setMaxExtPairs(1);

        assertThat(update("groupExtProfile", json("ext_a", "1")).status()).isEqualTo(200);
        assertThat(update("groupExtProfile", json("ext_b", "2")).code()).isEqualTo(1002);
    }

    @ParameterizedTest
    @ValueSource(strings = {"groupProfile", "permissions", "groupExtProfile"})
    void invalidJsonInAFieldIsRefusedWith1002(String field) throws Exception {
        assertThat(update(field, "{\"name\":").code()).isEqualTo(1002);
        assertThat(update(field, "[1,2]").code()).isEqualTo(1002);
        assertThat(emulator.group(GROUP)).isEqualTo(GroupState.created(GROUP, "Group one"));
    }

    @Test
    void aCallThatSetsNothingIsRefusedWith1002() throws Exception {
        assertThat(client.updateProfile(fields("groupId", GROUP)).code()).isEqualTo(1002);
        assertThat(update("groupProfile", " ").code()).isEqualTo(1002);
    }

    @Test
    void aRefusedCallChangesNothingEvenWhereItsOtherFieldsAreValid() throws Exception {
        Answer answer = update("groupProfile", json("name", "New"), "permissions", json("joinPerm", 9));

        assertThat(answer.code()).isEqualTo(1002);
        assertThat(emulator.group(GROUP).groupProfile().name()).isEqualTo("Group one");
    }

    @Test
    void aGroupIdOf64CharactersIsServedAndOf65RefusedWith1005() throws Exception {
        String id64 = "g".repeat(64);
        emulator.seedGroup(id64, "Long");

        assertThat(client.updateProfile(fields("groupId", id64, "groupProfile", json("name", "N"))).status())
                .isEqualTo(200);
        Answer tooLong = client.updateProfile(fields("groupId", "g".repeat(65), "groupProfile", json("name", "N")));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo(1005);
    }

    @ParameterizedTest
    @ValueSource(strings = {"group-1", "group_1", "group 1", "群1"})
    void aGroupIdOtherThanLettersAndDigitsIsRefusedWith1002(String groupId) throws Exception {
        Answer answer = client.updateProfile(fields("groupId", groupId, "groupProfile", json("name", "N")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(1002);
    }

    @Test
    void aMissingGroupIdIsRefusedWith1002() throws Exception {
        assertThat(client.updateProfile(fields("groupProfile", json("name", "N"))).code()).isEqualTo(1002);
    }

    @Test
    void anUnknownGroupIsRefusedWith1002UnlessAutoCreateIsOn() throws Exception {
        Answer unknown = client.updateProfile(fields("groupId", "nobody", "groupProfile", json("name", "N")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo(1002);
        assertThat(emulator.group("nobody")).isNull();

        emulator.setAutoCreate(true);
        assertThat(client.updateProfile(fields("groupId", "nobody", "groupProfile", json("name", "N"))).status())
                .isEqualTo(200);
        assertThat(emulator.group("nobody").groupProfile().name()).isEqualTo("N");
    }

    @Test
    void aUrlEncodedFormIsDecodedBeforeItsJsonIsRead() throws Exception {
        update("groupProfile", json("name", "R&D + QA = 研发 100%"));

        assertThat(emulator.group(GROUP).groupProfile().name()).isEqualTo("R&D + QA = 研发 100%");
    }

    @Test
    void unknownFormParametersAreIgnored() throws Exception {
        assertThat(client.updateProfile(fields("groupId", GROUP, "groupProfile", json("name", "N"),
                "owner", "u1")).status()).isEqualTo(200);
    }

    @Test
    void theSnapshotListsEveryGroup() {
        emulator.seedGroup("group2", "Group two");

        assertThat(emulator.groups()).containsOnlyKeys(GROUP, "group2");
        assertThat(emulator.groups().get("group2")).isEqualTo(GroupState.created("group2", "Group two"));
    }

    private Answer update(String field, String value, String... more) throws Exception {
        Map<String, String> form = fields("groupId", GROUP, field, value);
        form.putAll(fields(more));
        return client.updateProfile(form);
    }

    private String profileField(String key) {
        GroupState.GroupProfile profile = emulator.group(GROUP).groupProfile();
        return switch (key) {
            case "name" -> profile.name();
            case "introduction" -> profile.introduction();
            case "announcement" -> profile.announcement();
            default -> profile.portraitUrl();
        };
    }

    private static GroupState withExtPairs(int count) {
        TreeMap<String, String> ext = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            ext.put("ext_k" + i, "v" + i);
        }
        GroupState created = GroupState.created(GROUP, "Group one");
        return new GroupState(GROUP, created.groupProfile(), created.permissions(), ext);
    }
}
