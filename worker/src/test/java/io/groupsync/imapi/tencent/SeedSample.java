package io.groupsync.imapi.tencent;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberRole;
import io.groupsync.event.MsgFlag;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.LongFunction;

/**
 * Every sample request of the two seed pages (vendor-docs/tencent-modify_group_*.txt), each with the canonical
 * patch that expresses it. The expected bodies are the pages' samples, copied with their comments into
 * {@code seed-samples/*.json}.
 */
enum SeedSample {
    BASIC_INFO("modify_group_base_info-basic-info", "@TGS#1NVTZEAE4", null, now -> Patch.empty()
            .set(Field.NAME, "NewName")
            .set(Field.INTRODUCTION, "NewIntroduction")
            .set(Field.NOTIFICATION, "NewNotification")
            .set(Field.FACE_URL, "http://this.is.new.face.url")
            .set(Field.MAX_MEMBER_NUM, 500)
            .set(Field.JOIN_OPTION, JoinOption.NEED_PERMISSION)
            .set(Field.MUTE_ALL, true)),
    SET_CUSTOM_DATA("modify_group_base_info-set-custom-data", "@TGS#1NVTZEAE4", null, now -> Patch.empty()
            .putCustom("GroupTestData1", "NewData")),
    DELETE_CUSTOM_DATA("modify_group_base_info-delete-custom-data", "@TGS#1NVTZEAE4", null, now -> Patch.empty()
            .putCustom("GroupTestData2", null)),
    ALL_IN_ONE("modify_group_base_info-all-in-one", "@TGS#2J4SZEAEL", null, now -> Patch.empty()
            .set(Field.NAME, "NewName")
            .set(Field.INTRODUCTION, "NewIntroduction")
            .set(Field.NOTIFICATION, "NewNotification")
            .set(Field.FACE_URL, "http://this.is.new.face.url")
            .set(Field.MAX_MEMBER_NUM, 500)
            .set(Field.JOIN_OPTION, JoinOption.NEED_PERMISSION)
            .set(Field.MUTE_ALL, true)
            .putCustom("GroupTestData1", "NewData")
            .putCustom("GroupTestData2", "")),
    SET_ADMIN("modify_group_member_info-set-admin", "@TGS#2CLUZEAEJ", "bob", now -> Patch.empty()
            .set(Field.ROLE, MemberRole.ADMIN)),
    CANCEL_ADMIN("modify_group_member_info-cancel-admin", "@TGS#2CLUZEAEJ", "bob", now -> Patch.empty()
            .set(Field.ROLE, MemberRole.MEMBER)),
    MSG_FLAG("modify_group_member_info-msg-flag", "@TGS#2CLUZEAEJ", "bob", now -> Patch.empty()
            .set(Field.MSG_FLAG, MsgFlag.ACCEPT_AND_NOTIFY)),
    NAME_CARD("modify_group_member_info-name-card", "@TGS#2CLUZEAEJ", "bob", now -> Patch.empty()
            .set(Field.NAME_CARD, "bob")),
    MEMBER_CUSTOM_DATA("modify_group_member_info-member-custom-data", "@TGS#2CLUZEAEJ", "bob", now -> Patch.empty()
            .putCustom("MemberDefined1", "ModifyData1")
            .putCustom("MemberDefined3", "ModifyData3")),
    MUTE_TIME("modify_group_member_info-mute-time", "@TGS#2CLUZEAEJ", "bob", now -> Patch.empty()
            .set(Field.MUTE, MuteDeadline.of(now, 86_400)));

    /** Tencent's samples carry {@code // comments}; read with comments allowed, they are stripped. */
    private static final JsonMapper PAGE_JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    final String resource;
    final String groupId;
    final Target target;
    private final LongFunction<Patch> patch;

    SeedSample(String resource, String groupId, String memberId, LongFunction<Patch> patch) {
        this.resource = resource;
        this.groupId = groupId;
        this.target = memberId == null ? Target.group() : Target.member(memberId);
        this.patch = patch;
    }

    /** The patch, for an edit that happened at {@code nowMillis} (a mute is a deadline from then). */
    Patch patch(long nowMillis) {
        return patch.apply(nowMillis);
    }

    String api() {
        return resource.substring(0, resource.indexOf('-'));
    }

    /** The page's sample body. */
    JsonNode expectedBody() {
        try (InputStream in = SeedSample.class.getResourceAsStream("seed-samples/" + resource + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource seed-samples/" + resource + ".json");
            }
            return PAGE_JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
