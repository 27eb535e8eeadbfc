package io.groupsync.testkit.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.event.MemberRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EditStreamTest {

    private static final Instant BASE = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void theGroupProfileStreamIsTheSameEditsAsBeforeMemberEditsExisted() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (GroupChange e : new EditStream(11, 200, "conv").next(500)) {
            digest.update((e.getEventId() + "|" + e.getGroupId() + "|" + e.getOperator() + "|" + e.getPatch())
                    .getBytes(StandardCharsets.UTF_8));
        }
        // Computed from the stream as it was before member edits, occurredAt aside (its base is now "now").
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo("87f92edc22fe70268d21c6b252c8d32c2d83d1f7d21021262112ff7c699b400e");
    }

    @Test
    void occurredAtStartsAtTheTimeBaseAndOnlyMovesForward() {
        List<GroupChange> edits = everything().next(1_000);
        long previous = BASE.toEpochMilli();
        for (GroupChange edit : edits) {
            assertThat(edit.getOccurredAt().toEpochMilli()).isGreaterThan(previous);
            previous = edit.getOccurredAt().toEpochMilli();
        }
        assertThat(previous - BASE.toEpochMilli()).isLessThanOrEqualTo(5_000);
        assertThat(new EditStream(1, 3, "g").next().getOccurredAt())
                .isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(5));
    }

    @Test
    void memberEditsTouchOnlyTheSeededMembersAndIdsAreLettersAndDigits() {
        EditStream stream = everything();
        List<GroupChange> edits = stream.next(2_000);
        List<MemberProfilePatch> members = edits.stream().map(GroupChange::getPatch)
                .filter(MemberProfilePatch.class::isInstance).map(MemberProfilePatch.class::cast).toList();

        assertThat(members.size()).isBetween(700, 1_100);
        assertThat(members).extracting(MemberProfilePatch::getMemberId).containsOnlyElementsOf(stream.memberIds());
        assertThat(edits).extracting(GroupChange::getGroupId).containsOnlyElementsOf(stream.groupIds());
        assertThat(stream.groupIds()).hasSize(20).allMatch(id -> id.matches("[A-Za-z0-9]+"));
        assertThat(stream.memberIds()).hasSize(4).allMatch(id -> id.matches("[A-Za-z0-9]+"));
        assertThat(members).extracting(MemberProfilePatch::getRole).doesNotContain(MemberRole.OWNER);
        assertThat(members).extracting(MemberProfilePatch::getMuteSeconds).contains(0L)
                .allMatch(s -> s == null || s >= 0 && s <= 86_400);
    }

    @Test
    void everyCanonicalFieldIsEditedAndDisableApplyOnlyRarely() {
        List<GroupChange> edits = everything().next(3_000);
        Set<String> fields = edits.stream().flatMap(e -> EventFields.of(e).stream()).collect(Collectors.toSet());
        assertThat(fields).contains("name", "introduction", "notification", "faceUrl", "maxMemberNum",
                "joinOption", "inviteOption", "muteAll", "customData", "openIm.lookMemberInfo",
                "rongCloud.memProfilePerm", "role", "nameCard", "msgFlag", "muteSeconds");
        long disableApply = edits.stream().map(GroupChange::getPatch).filter(GroupProfilePatch.class::isInstance)
                .map(p -> ((GroupProfilePatch) p).getJoinOption()).filter(JoinOption.DISABLE_APPLY::equals).count();
        assertThat(disableApply).isBetween(1L, 30L);
    }

    @Test
    void valuesStayWithinTheStrictestVendorLimits() {
        for (GroupChange edit : everything().next(3_000)) {
            if (edit.getPatch() instanceof GroupProfilePatch p) {
                assertThat(utf8(p.getName())).as("Tencent's 30-byte name").isLessThanOrEqualTo(30);
                assertThat(utf8(p.getFaceUrl())).as("Tencent's 100-byte face URL").isLessThanOrEqualTo(100);
                if (p.getCustomData() != null) {
                    assertThat(p.getCustomData().keySet()).allMatch(k -> utf8(k) <= 16);
                }
            } else if (edit.getPatch() instanceof MemberProfilePatch p) {
                assertThat(utf8(p.getNameCard())).as("Tencent's 50-byte name card").isLessThanOrEqualTo(50);
                if (p.getCustomData() != null) {
                    assertThat(p.getCustomData().values()).allMatch(v -> utf8(v) <= 64);
                }
            }
        }
    }

    private static EditStream everything() {
        return new EditStream(5, 20, "grp", EditStream.Mix.EVERYTHING, BASE);
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
