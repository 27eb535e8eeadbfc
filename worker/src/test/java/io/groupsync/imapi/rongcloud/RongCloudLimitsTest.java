package io.groupsync.imapi.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.time.ManualClock;
import java.net.URI;
import java.util.List;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An edit RongCloud would refuse is rejected before merging, with a reason naming the field and the limit. */
class RongCloudLimitsTest {

    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final RongCloudClient CLIENT = new RongCloudClient(HTTP, URI.create("https://api.rong-api.com"),
            null, RongCloudTestKit.APP_KEY, RongCloudTestKit.APP_SECRET, new ManualClock(), new Random(1));
    private static final Target MEMBER = Target.member("user01");
    /** Four code points, seven UTF-16 units: lengths count code points, as RongCloud's "characters". */
    private static final String EMOJI_4 = "🚀a🚀b";

    @AfterAll
    static void closeHttp() {
        RongCloudTestKit.shutdown(HTTP);
    }

    static Edit edit(String groupId, Target target, Patch patch) {
        return new Edit("e1", 0, groupId, null, null, null, target, patch, null);
    }

    private static List<String> group(Patch patch) {
        return CLIENT.violations(edit("testGroupId", Target.group(), patch), patch);
    }

    private static List<String> member(Patch patch) {
        return CLIENT.violations(edit("testGroupId", MEMBER, patch), patch);
    }

    @ParameterizedTest(name = "{0} of {1} characters passes, of {2} is refused")
    @CsvSource({"NAME, 64, 65", "INTRODUCTION, 512, 513", "NOTIFICATION, 1024, 1025", "FACE_URL, 128, 129"})
    void profileTextsAreCheckedInCharactersUpToTheirLimit(Field field, int max, int over) {
        assertThat(group(Patch.empty().set(field, "x".repeat(max)))).isEmpty();
        assertThat(group(Patch.empty().set(field, "🚀".repeat(max)))).as("code points").isEmpty();

        List<String> refused = group(Patch.empty().set(field, "x".repeat(over)));

        assertThat(refused).singleElement().asString()
                .contains(field.wireName()).contains(over + " characters").contains("at most " + max);
    }

    @Test
    void anEmptyGroupNameIsRefusedSinceRongCloudKeepsOneAlways() {
        assertThat(group(Patch.empty().set(Field.NAME, ""))).singleElement().asString()
                .contains("name is empty").contains("groupProfile.name");
        assertThat(group(Patch.empty().set(Field.INTRODUCTION, ""))).as("other texts may be cleared").isEmpty();
    }

    @ParameterizedTest(name = "group id \"{0}\" is refused")
    @CsvSource({"group-1", "group_1", "grüppe", "'with space'"})
    void aGroupIdMayHoldOnlyLettersAndDigits(String groupId) {
        Patch patch = Patch.empty().set(Field.NAME, "n");

        assertThat(CLIENT.violations(edit(groupId, Target.group(), patch), patch)).singleElement().asString()
                .contains("groupId").contains("letters and digits");
    }

    @Test
    void aGroupIdOfMoreThan64CharactersIsRefused() {
        Patch patch = Patch.empty().set(Field.NAME, "n");

        assertThat(CLIENT.violations(edit("g".repeat(64), Target.group(), patch), patch)).isEmpty();
        assertThat(CLIENT.violations(edit("g".repeat(65), Target.group(), patch), patch)).singleElement()
                .asString().contains("groupId is 65 characters").contains("at most 64");
    }

    @Test
    void anEditOfWhichNothingIsSentIsNeverRefused() {
        Patch nothing = Patch.empty();

        assertThat(CLIENT.violations(edit("not valid!", Target.member("also not valid!"), nothing), nothing))
                .isEmpty();
    }

    @Test
    void customKeysAreCheckedWithTheirPrefixUpTo32Characters() {
        String longest = "k".repeat(28);   // ext_ + 28 = 32
        assertThat(group(Patch.empty().putCustom(longest, "v"))).isEmpty();
        assertThat(group(Patch.empty().putCustom("ext_" + longest, "v"))).isEmpty();

        assertThat(group(Patch.empty().putCustom(longest + "k", "v"))).singleElement().asString()
                .contains("ext_" + longest + "k").contains("33 characters").contains("at most 32")
                .contains("prefix included");
    }

    @Test
    void customValuesAreCheckedUpTo256CharactersButDeletionsAreNot() {
        assertThat(group(Patch.empty().putCustom("k", "v".repeat(256)))).isEmpty();
        assertThat(group(Patch.empty().putCustom("k", null))).isEmpty();

        assertThat(group(Patch.empty().putCustom("k", "v".repeat(257)))).singleElement().asString()
                .contains("customData value of \"k\"").contains("257 characters").contains("at most 256");
    }

    @Test
    void oneEventMaySetAtMostTenCustomKeysWhileDeletionsDoNotCount() {
        Patch ten = Patch.empty();
        for (int i = 0; i < 10; i++) {
            ten.putCustom("k" + i, "v");
        }
        Patch tenAndDeletions = ten.copy().putCustom("gone1", null).putCustom("gone2", null);
        Patch eleven = ten.copy().putCustom("k10", "v");

        assertThat(group(ten)).isEmpty();
        assertThat(group(tenAndDeletions)).isEmpty();
        assertThat(group(eleven)).singleElement().asString().contains("sets 11 keys").contains("at most 10");
    }

    @Test
    void twoKeysOfOneEventThatNameOneExtKeyAreRefused() {
        List<String> refused = group(Patch.empty().putCustom("level", "a").putCustom("ext_level", "b"));

        assertThat(refused).singleElement().asString()
                .contains("\"level\"").contains("\"ext_level\"").contains("ext_level");
    }

    @Test
    void theBarePrefixIsNoKey() {
        assertThat(group(Patch.empty().putCustom("ext_", "v"))).singleElement().asString()
                .contains("no name after");
        assertThat(group(Patch.empty().putCustom("", "v"))).anySatisfy(r -> assertThat(r).contains("no name after"));
    }

    @Test
    void theNicknameMustHoldOneTo64Characters() {
        assertThat(member(Patch.empty().set(Field.NAME_CARD, "n".repeat(64)))).isEmpty();
        assertThat(member(Patch.empty().set(Field.NAME_CARD, EMOJI_4.repeat(16)))).isEmpty();

        assertThat(member(Patch.empty().set(Field.NAME_CARD, "n".repeat(65)))).singleElement().asString()
                .contains("nameCard is 65 characters").contains("nickname").contains("at most 64");
        assertThat(member(Patch.empty().set(Field.NAME_CARD, ""))).singleElement().asString()
                .contains("nameCard is empty").contains("nickname");
    }

    @Test
    void theMemberExtraHoldsAtMost128Characters() {
        Patch ok = Patch.empty().set(Field.NAME_CARD, "n").putCustom("extra", EMOJI_4.repeat(32));
        Patch over = Patch.empty().set(Field.NAME_CARD, "n").putCustom("extra", "x".repeat(129));

        assertThat(member(ok)).isEmpty();
        assertThat(member(over)).singleElement().asString()
                .contains("\"extra\" is 129 characters").contains("at most 128");
    }

    @ParameterizedTest(name = "user id \"{0}\" is refused")
    @CsvSource({"user.1", "user@x", "'u 1'"})
    void aUserIdMayHoldLettersDigitsAndPlusEqualsDashUnderscore(String userId) {
        Patch patch = Patch.empty().set(Field.NAME_CARD, "n");

        assertThat(CLIENT.violations(edit("g1", Target.member("a+b=c-d_e"), patch), patch)).isEmpty();
        assertThat(CLIENT.violations(edit("g1", Target.member(userId), patch), patch)).singleElement().asString()
                .contains("memberId").contains("+ = - _");
    }

    @Test
    void everyViolationOfOneEditIsListed() {
        Patch patch = Patch.empty().set(Field.NAME, "").set(Field.FACE_URL, "u".repeat(200))
                .putCustom("k", "v".repeat(300));

        assertThat(CLIENT.violations(edit("bad-id", Target.group(), patch), patch)).hasSize(4);
    }

    @Test
    void oneEditSetsTheWholeExtraOrKeysToMergeIntoItNotBoth() {
        assertThat(member(Patch.empty().putCustom("extra", "{}").putCustom("team", "blue"))).singleElement()
                .asString().contains("one or the other");
        assertThat(member(Patch.empty().putCustom("team", "blue").putCustom("level", null))).isEmpty();
    }

    @Test
    void keysThatCannotFitIntoAnExtraOf128CharactersAreRefusedPerEdit() {
        assertThat(member(Patch.empty().putCustom("k", "v".repeat(120)))).isEmpty();
        assertThat(member(Patch.empty().putCustom("k", "v".repeat(121)))).singleElement().asString()
                .contains("129 characters");
    }
}
