package io.groupsync.testkit.workload;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.event.OpenImGroupSettings;
import io.groupsync.event.RongCloudPermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The canonical fields an event sets, by the names results use (the schema's, nested ones prefixed). */
final class EventFields {

    static final Set<String> OPENIM_SETTINGS = Set.of("openIm.lookMemberInfo", "openIm.applyMemberFriend");
    static final Set<String> RONGCLOUD_PERMISSIONS = Set.of("rongCloud.removePerm", "rongCloud.memInvitePerm",
            "rongCloud.invitePerm", "rongCloud.profilePerm", "rongCloud.memProfilePerm");

    private EventFields() {
    }

    static Set<String> of(GroupChange event) {
        Set<String> out = new TreeSet<>();
        if (event.getPatch() instanceof MemberProfilePatch p) {
            add(out, "role", p.getRole());
            add(out, "nameCard", p.getNameCard());
            add(out, "msgFlag", p.getMsgFlag());
            add(out, "muteSeconds", p.getMuteSeconds());
            customData(out, p.getCustomData());
        } else if (event.getPatch() instanceof GroupProfilePatch p) {
            add(out, "name", p.getName());
            add(out, "introduction", p.getIntroduction());
            add(out, "notification", p.getNotification());
            add(out, "faceUrl", p.getFaceUrl());
            add(out, "maxMemberNum", p.getMaxMemberNum());
            add(out, "joinOption", p.getJoinOption());
            add(out, "inviteOption", p.getInviteOption());
            add(out, "muteAll", p.getMuteAll());
            customData(out, p.getCustomData());
            OpenImGroupSettings openIm = p.getOpenIm();
            if (openIm != null) {
                add(out, "openIm.lookMemberInfo", openIm.getLookMemberInfo());
                add(out, "openIm.applyMemberFriend", openIm.getApplyMemberFriend());
            }
            RongCloudPermissions rong = p.getRongCloud();
            if (rong != null) {
                add(out, "rongCloud.removePerm", rong.getRemovePerm());
                add(out, "rongCloud.memInvitePerm", rong.getMemInvitePerm());
                add(out, "rongCloud.invitePerm", rong.getInvitePerm());
                add(out, "rongCloud.profilePerm", rong.getProfilePerm());
                add(out, "rongCloud.memProfilePerm", rong.getMemProfilePerm());
            }
        }
        return out;
    }

    /** Those of {@code event}'s fields that are in {@code lacking}. */
    static Set<String> lacking(GroupChange event, Set<String> lacking) {
        Set<String> out = of(event);
        out.retainAll(lacking);
        return out;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static void add(Set<String> out, String name, Object value) {
        if (value != null) {
            out.add(name);
        }
    }

    /** An empty map changes nothing, so it is no field at all (as the worker sees it too). */
    private static void customData(Set<String> out, Map<String, String> data) {
        if (data != null && !data.isEmpty()) {
            out.add("customData");
        }
    }
}
