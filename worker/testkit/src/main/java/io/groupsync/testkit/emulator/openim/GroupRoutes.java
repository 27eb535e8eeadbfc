package io.groupsync.testkit.emulator.openim;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.openim.GroupBook.MemberEdit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The group routes of open-im-server v3.8 ({@code internal/rpc/group}): request checks in the server's order, then
 * one atomic change of the {@link GroupBook}. Only the admin token reaches these routes, so the owner/admin
 * permission rules that apply to ordinary users are not modelled.
 *
 * <p>Length limits: none. The v3.8 group RPC and its MongoDB models set no length on groupName, notification,
 * introduction, faceURL, ex or nickname, and the pages document none, so none is invented here.
 */
final class GroupRoutes {

    /** {@code constant.ParamMaxLength}: "too many Members, need to be less than 1000" is refused above 1000. */
    static final int MAX_MEMBERS_PER_CALL = 1000;
    /** mutedSeconds is a uint32 in the server's request. */
    static final long MAX_MUTED_SECONDS = 4_294_967_295L;

    private final GroupBook book;
    private final EmulatorClock clock;

    GroupRoutes(GroupBook book, EmulatorClock clock) {
        this.book = book;
        this.clock = clock;
    }

    /**
     * {@code /group/set_group_info_ex}. An absent field is unchanged; {@code ""} clears it; notification is stored
     * trimmed (the server trims it). The quirk: a blank groupName makes the server's update map empty, and an
     * empty map is answered with success before its error is looked at — so the whole call, other fields
     * included, changes nothing. That happens after the group lookup, so a missing group still gets 1004.
     */
    void setGroupInfoEx(JsonNode body) {
        // Decision: groupID is required (the page says so); an empty one is 1001, not a lookup of "" (1004).
        String groupID = Fields.requiredString(body, "groupID");
        String groupName = Fields.optionalString(body, "groupName");
        String notification = Fields.optionalString(body, "notification");
        String introduction = Fields.optionalString(body, "introduction");
        String faceURL = Fields.optionalString(body, "faceURL");
        String ex = Fields.optionalString(body, "ex");
        // Decision: values outside the documented sets are refused with 1001. The v3.8 source we read stores any
        // int32 here; refusing keeps a client that sends nonsense from passing unnoticed.
        Integer needVerification = Fields.optionalInt(body, "needVerification", 0, 2);
        Integer lookMemberInfo = Fields.optionalInt(body, "lookMemberInfo", 0, 1);
        Integer applyMemberFriend = Fields.optionalInt(body, "applyMemberFriend", 0, 1);
        if (groupName != null && groupName.isBlank()) {
            book.updateGroup(groupID, UnaryOperator.identity());
            return;
        }
        book.updateGroup(groupID, g -> new GroupState(g.groupID(),
                or(groupName, g.groupName()),
                notification == null ? g.notification() : notification.strip(),
                or(introduction, g.introduction()),
                or(faceURL, g.faceURL()),
                or(ex, g.ex()),
                or(needVerification, g.needVerification()),
                or(lookMemberInfo, g.lookMemberInfo()),
                or(applyMemberFriend, g.applyMemberFriend()),
                g.status()));
    }

    /**
     * {@code /group/set_group_info} {@code {"groupInfoForSet": {groupID, groupName, notification, introduction,
     * faceURL, ex, needVerification, lookMemberInfo, applyMemberFriend}}}: the numbers and {@code ex} are protobuf
     * wrappers, bound from JSON as {@code {"value": …}}; an empty text is "unchanged", so nothing can be cleared
     * here (v3.8.0 {@code internal/rpc/group/db_map.go UpdateGroupInfoMap}).
     */
    void setGroupInfo(JsonNode body) {
        JsonNode set = body.get("groupInfoForSet");
        if (set == null || !set.isObject()) {
            throw OpenImError.args("groupInfoForSet is empty");
        }
        String groupID = Fields.requiredString(set, "groupID");
        String groupName = nonEmpty(Fields.optionalString(set, "groupName"));
        String notification = nonEmpty(Fields.optionalString(set, "notification"));
        String introduction = nonEmpty(Fields.optionalString(set, "introduction"));
        String faceURL = nonEmpty(Fields.optionalString(set, "faceURL"));
        JsonNode exWrapper = wrapped(set, "ex");
        // A wrapper's empty string is omitted when bound ({@code {}}), and means "".
        String ex = exWrapper == null ? null : Objects.requireNonNullElse(
                Fields.optionalString(exWrapper, "value"), "");
        Integer needVerification = wrappedInt(set, "needVerification", 0, 2);
        Integer lookMemberInfo = wrappedInt(set, "lookMemberInfo", 0, 1);
        Integer applyMemberFriend = wrappedInt(set, "applyMemberFriend", 0, 1);
        book.updateGroup(groupID, g -> new GroupState(g.groupID(),
                or(groupName, g.groupName()),
                or(notification, g.notification()),
                or(introduction, g.introduction()),
                or(faceURL, g.faceURL()),
                or(ex, g.ex()),
                or(needVerification, g.needVerification()),
                or(lookMemberInfo, g.lookMemberInfo()),
                or(applyMemberFriend, g.applyMemberFriend()),
                g.status()));
    }

    private static String nonEmpty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** A wrapper object, or null when not sent; anything but an object is 1001. */
    private static JsonNode wrapped(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw OpenImError.args(name + " must be a {\"value\": …} wrapper");
        }
        return node;
    }

    /** A wrapped int; {@code {}} is 0, as the wrapper's omitempty value binds. */
    private static Integer wrappedInt(JsonNode body, String name, int min, int max) {
        JsonNode node = wrapped(body, name);
        if (node == null) {
            return null;
        }
        Integer value = Fields.optionalInt(node, "value", min, max);
        return value == null ? 0 : value;
    }

    /**
     * {@code /group/set_group_member_info}, in the server's order: empty or more than 1000 entries → 1001; a role
     * other than 20 or 60 → 1001, except 100 (owner) → 1002 "cannot set ungroup owner"; the same group and user
     * twice → 1001; a user not in the group → 1001. Decision (as the server, which checks everything before one
     * batch write): all or nothing — a refused call changes no entry.
     */
    void setGroupMemberInfo(JsonNode body) {
        JsonNode entries = body.get("members");
        if (entries == null || entries.isNull() || (entries.isArray() && entries.isEmpty())) {
            throw OpenImError.args("members is empty");
        }
        if (!entries.isArray()) {
            throw OpenImError.args("members must be an array");
        }
        if (entries.size() > MAX_MEMBERS_PER_CALL) {
            throw OpenImError.args("too many Members, need to be less than 1000");
        }
        List<MemberEdit> edits = new ArrayList<>();
        for (JsonNode entry : entries) {
            edits.add(memberEdit(entry));
        }
        Set<String> seen = new HashSet<>();
        for (MemberEdit edit : edits) {
            if (!seen.add(edit.groupID() + '\u0000' + edit.userID())) {
                throw OpenImError.args("repeat group " + edit.groupID() + " user " + edit.userID());
            }
        }
        book.updateMembers(edits);
    }

    /** {@code /group/mute_group_member}: the mute ends {@code mutedSeconds} from now, kept as an absolute time. */
    void muteGroupMember(JsonNode body) {
        String groupID = Fields.requiredString(body, "groupID");
        String userID = Fields.requiredString(body, "userID");
        Long mutedSeconds = Fields.optionalLong(body, "mutedSeconds", Long.MIN_VALUE, Long.MAX_VALUE);
        if (mutedSeconds == null || mutedSeconds <= 0 || mutedSeconds > MAX_MUTED_SECONDS) {
            throw OpenImError.args("mutedSeconds is empty");
        }
        long endsAt = clock.currentTimeMillis() + mutedSeconds * 1000;
        book.updateMember(groupID, userID, m -> m.withMuteEndTime(endsAt));
    }

    /** {@code /group/cancel_mute_group_member}: the server stores {@code time.Unix(0, 0)}. */
    void cancelMuteGroupMember(JsonNode body) {
        String groupID = Fields.requiredString(body, "groupID");
        String userID = Fields.requiredString(body, "userID");
        book.updateMember(groupID, userID, m -> m.withMuteEndTime(0));
    }

    /**
     * {@code /group/mute_group} and {@code /group/cancel_mute_group} set the group's status to muted or ok.
     * Decision: a dismissed group is refused with 1204. The v3.8 source writes the status without looking, which
     * would bring a dismissed group back as muted; a client must treat the group as gone either way.
     */
    void setGroupMuted(JsonNode body, boolean muted) {
        String groupID = Fields.requiredString(body, "groupID");
        book.updateGroup(groupID, g -> g.withStatus(muted ? GroupState.STATUS_MUTED : GroupState.STATUS_OK));
    }

    private static MemberEdit memberEdit(JsonNode entry) {
        if (!entry.isObject()) {
            throw OpenImError.args("members entry must be an object");
        }
        String groupID = Fields.requiredString(entry, "groupID");
        String userID = Fields.requiredString(entry, "userID");
        String nickname = Fields.optionalString(entry, "nickname");
        String faceURL = Fields.optionalString(entry, "faceURL");
        String ex = Fields.optionalString(entry, "ex");
        Integer roleLevel = Fields.optionalInt(entry, "roleLevel", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (roleLevel != null && roleLevel == MemberState.ROLE_OWNER) {
            throw OpenImError.noPermission("cannot set ungroup owner");
        }
        if (roleLevel != null && roleLevel != MemberState.ROLE_MEMBER && roleLevel != MemberState.ROLE_ADMIN) {
            throw OpenImError.args("invalid role level");
        }
        return new MemberEdit(groupID, userID, m -> new MemberState(m.groupID(), m.userID(),
                or(nickname, m.nickname()),
                or(faceURL, m.faceURL()),
                or(roleLevel, m.roleLevel()),
                or(ex, m.ex()),
                m.muteEndTime()));
    }

    private static <T> T or(T sent, T current) {
        return sent == null ? current : sent;
    }
}
