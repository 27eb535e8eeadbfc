package io.groupsync.testkit.emulator.tencent;

import static io.groupsync.testkit.emulator.tencent.TencentEmulator.MODIFY_GROUP_BASE_INFO;
import static io.groupsync.testkit.emulator.tencent.TencentEmulator.MODIFY_GROUP_MEMBER_INFO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Tencent refuses that the emulator used to let pass (issue 16): operators, member caps, key counts, 10008. */
class TencentVendorRulesTest extends TencentEmulatorTestBase {

    @BeforeEach
    void seed() {
        emulator.seedGroup("pub", GroupType.PUBLIC, "owner");
        emulator.seedMember("pub", "helper", "Admin");
        emulator.seedMember("pub", "plain");
        emulator.seedGroup("work", GroupType.WORK, "boss");
        emulator.seedMember("work", "colleague");
        emulator.seedGroup("community", GroupType.COMMUNITY);
        emulator.seedGroup("live", GroupType.AV_CHAT_ROOM);
    }

    private Reply rename(String group, String operator) {
        return post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"" + group + "\",\"From_Account\":\"" + operator
                + "\",\"Name\":\"By " + operator + "\"}");
    }

    @Test
    void anOperatorWhoIsNoImportedAccountIsRefusedWith70107() {
        assertThat(rename("pub", "ghost").code()).isEqualTo(70107);
        assertThat(emulator.group("pub").name()).isNotEqualTo("By ghost");
    }

    @Test
    void anOrdinaryMemberOfAPublicGroupMayNotChangeItsProfile() {
        assertThat(rename("pub", "plain").code()).isEqualTo(10007);
    }

    @Test
    void anAccountOutsideTheGroupMayNotEitherThoughItExists() {
        emulator.importAccount("outsider");

        assertThat(rename("pub", "outsider").code()).isEqualTo(10007);
    }

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource({"pub, owner", "pub, helper", "pub, administrator", "work, colleague"})
    void theOwnerAnAdminTheAppAdminAndInAWorkGroupAnyMemberMay(String group, String operator) {
        assertThat(rename(group, operator).code()).isZero();
        assertThat(emulator.group(group).name()).isEqualTo("By " + operator);
    }

    @ParameterizedTest(name = "{0}: {1} accepted, {2} refused")
    @CsvSource({"pub, 6000, 6001", "work, 6000, 6001", "community, 100000, 100001"})
    void maxMemberNumIsBoundedByTheGroupType(String group, long accepted, long refused) {
        assertThat(maxMemberNum(group, refused).code()).isEqualTo(10004);
        assertThat(maxMemberNum(group, accepted).code()).isZero();
    }

    @Test
    void theAppsPlanMayAllowFewerMembers() {
        emulator.setPlanMaxMembers(500);

        assertThat(maxMemberNum("pub", 501).code()).isEqualTo(10004);
        assertThat(maxMemberNum("pub", 500).code()).isZero();
    }

    @Test
    void anAvChatRoomIgnoresAnyMaxMemberNum() {
        assertThat(maxMemberNum("live", 999_999).code()).isZero();
        assertThat(emulator.group("live").maxMemberNum()).isZero();
    }

    @Test
    void aRequestWithMoreGroupCustomKeysThanAnAppCanConfigureIsRefusedWhole() {
        assertThat(post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"pub\",\"Name\":\"Eleven\",\"AppDefinedData\":"
                + keys(11) + "}").code()).isEqualTo(10004);
        assertThat(emulator.group("pub").appDefinedData()).isEmpty();
        assertThat(post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"pub\",\"AppDefinedData\":" + keys(10) + "}")
                .code()).isZero();
    }

    @Test
    void aRequestWithMoreThanFiveMemberCustomKeysIsRefused() {
        assertThat(post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"pub\",\"Member_Account\":\"plain\","
                + "\"AppMemberDefinedData\":" + keys(6) + "}").code()).isEqualTo(10004);
        assertThat(post(MODIFY_GROUP_MEMBER_INFO, "{\"GroupId\":\"pub\",\"Member_Account\":\"plain\","
                + "\"AppMemberDefinedData\":" + keys(5) + "}").code()).isZero();
    }

    @Test
    void answersTheSignatureRetryCodeAsOftenAsAskedThenServes() {
        emulator.answerSignatureRetry(2);

        assertThat(rename("pub", "owner").code()).isEqualTo(TencentEmulator.SIGNATURE_RETRY);
        assertThat(rename("pub", "owner").code()).isEqualTo(TencentEmulator.SIGNATURE_RETRY);
        assertThat(rename("pub", "owner").code()).isZero();
    }

    private Reply maxMemberNum(String group, long value) {
        return post(MODIFY_GROUP_BASE_INFO, "{\"GroupId\":\"" + group + "\",\"MaxMemberNum\":" + value + "}");
    }

    private static String keys(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"Key\":\"k" + i + "\",\"Value\":\"v\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
