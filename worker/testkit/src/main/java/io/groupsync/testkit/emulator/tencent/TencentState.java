package io.groupsync.testkit.emulator.tencent;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/**
 * The groups and members the Tencent emulator holds. Mutable inside, handed out only as immutable
 * {@link GroupState}/{@link MemberState} snapshots. Every method locks this object; a command holds the lock
 * for its whole check-then-apply so it changes all of its fields or none.
 */
final class TencentState {

    static final String OWNER = "Owner";
    static final String ADMIN = "Admin";
    static final String MEMBER = "Member";

    /** One group, as commands edit it. */
    static final class Group {
        final String id;
        final GroupType type;
        String owner;
        String name;
        String introduction = "";
        String notification = "";
        String faceUrl = "";
        long maxMemberNum;
        String applyJoinOption;
        String inviteJoinOption;
        String muteAllMember = "Off";
        final Map<String, String> appDefinedData = new TreeMap<>();
        final Map<String, Member> members = new LinkedHashMap<>();

        Group(String id, GroupType type) {
            this.id = id;
            this.type = type;
            // Decision: Tencent needs a name at creation; a seeded group is named after its ID.
            this.name = id;
            this.maxMemberNum = type.defaultMaxMemberNum();
            this.applyJoinOption = type.defaultApplyJoinOption();
            this.inviteJoinOption = type.defaultInviteJoinOption();
        }

        GroupState snapshot() {
            return new GroupState(id, type, owner, name, introduction, notification, faceUrl, maxMemberNum,
                    applyJoinOption, inviteJoinOption, muteAllMember, appDefinedData);
        }
    }

    /** One member of one group. */
    static final class Member {
        final String account;
        String role;
        String msgFlag = "AcceptAndNotify";
        String nameCard = "";
        final Map<String, String> appMemberDefinedData = new TreeMap<>();
        long shutUpUntil;

        Member(String account, String role) {
            this.account = account;
            this.role = role;
        }

        MemberState snapshot(String groupId) {
            return new MemberState(groupId, account, role, msgFlag, nameCard, appMemberDefinedData, shutUpUntil);
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    /** Accounts imported into the app besides the members of groups (the app admin, operators). */
    private final Set<String> accounts = new HashSet<>();
    /** Further app admin accounts (the console allows several), besides the one the requests are signed for. */
    private final Set<String> appAdmins = new HashSet<>();
    private boolean autoCreate;
    private GroupType autoCreateType = GroupType.PUBLIC;

    synchronized GroupState seedGroup(String groupId, GroupType type, String ownerAccount) {
        if (!GroupIds.wellFormed(groupId)) {
            throw new IllegalArgumentException("Tencent would refuse this group ID (10015): " + groupId);
        }
        if (groups.containsKey(groupId)) {
            throw new IllegalStateException("group already seeded: " + groupId);
        }
        Group group = new Group(groupId, type);
        if (ownerAccount != null) {
            group.owner = ownerAccount;
            group.members.put(ownerAccount, new Member(ownerAccount, OWNER));
        }
        groups.put(groupId, group);
        return group.snapshot();
    }

    synchronized MemberState seedMember(String groupId, String account, String role) {
        if (!ADMIN.equals(role) && !MEMBER.equals(role)) {
            throw new IllegalArgumentException("seed the owner with the group; role must be Admin or Member: "
                    + role);
        }
        Group group = groups.get(groupId);
        if (group == null) {
            throw new IllegalStateException("seed the group first: " + groupId);
        }
        if (ADMIN.equals(role) && !group.type.allowsAdmins()) {
            throw new IllegalArgumentException(group.type + " groups have no admins: " + account);
        }
        if (group.members.containsKey(account)) {
            throw new IllegalStateException("member already seeded: " + account + " in " + groupId);
        }
        Member member = new Member(account, role);
        group.members.put(account, member);
        return member.snapshot(groupId);
    }

    synchronized void importAccount(String account) {
        accounts.add(account);
    }

    synchronized void importAppAdmin(String account) {
        accounts.add(account);
        appAdmins.add(account);
    }

    /**
     * The operator a From_Account names, as modify_group_base_info checks it: the account must exist ("you must
     * ensure that the account in the field exists", [group]) — else 70107, Tencent's "account not imported" — and
     * may change the group profile: the app admin, the owner or an admin, or in a Work group any member ([groups]:
     * "In a Work group, an ordinary member has the permission to modify the group profile") — else 10007.
     * Decision: with auto-creation on, an unknown operator is imported as an app admin, as the groups it edits are
     * made up on the fly.
     */
    synchronized void checkOperator(Group group, String account, String appAdmin) {
        if (account.equals(appAdmin) || appAdmins.contains(account)) {
            return;
        }
        Member member = group.members.get(account);
        boolean known = member != null || accounts.contains(account)
                || groups.values().stream().anyMatch(g -> g.members.containsKey(account));
        if (!known && autoCreate) {
            return;
        }
        if (!known) {
            throw new TencentError(70107, "From_Account " + account + " is not an imported account");
        }
        boolean mayEdit = member != null && (OWNER.equals(member.role) || ADMIN.equals(member.role)
                || group.type == GroupType.WORK);
        if (!mayEdit) {
            throw TencentError.noPermission("From_Account " + account + " may not modify the profile of group "
                    + group.id);
        }
    }

    synchronized void setAutoCreate(boolean on, GroupType type) {
        this.autoCreate = on;
        this.autoCreateType = type;
    }

    /** The group an edit addresses: existing, auto-created when switched on, else 10010. */
    synchronized Group groupForEdit(String groupId) {
        Group group = groups.get(groupId);
        if (group == null && autoCreate) {
            group = new Group(groupId, autoCreateType);
            groups.put(groupId, group);
        }
        if (group == null) {
            throw new TencentError(TencentError.GROUP_MISSING, "group " + groupId + " does not exist");
        }
        return group;
    }

    /**
     * The member an edit addresses: existing, auto-created when switched on or {@code anyone} is set, else
     * 10007. Decision: Tencent documents no "not a member" code for these commands; an account outside the
     * group is treated as an operation the operator has no right to (10007), not as a malformed parameter.
     */
    synchronized Member memberForEdit(Group group, String account, boolean anyone) {
        Member member = group.members.get(account);
        if (member == null && (autoCreate || anyone)) {
            member = new Member(account, MEMBER);
            group.members.put(account, member);
        }
        if (member == null) {
            throw TencentError.noPermission(account + " is not a member of group " + group.id);
        }
        return member;
    }

    /** For reads (get_group_info): null when absent; reads never auto-create. */
    synchronized Group find(String groupId) {
        return groups.get(groupId);
    }

    synchronized GroupState group(String groupId) {
        return existing(groupId).snapshot();
    }

    synchronized Map<String, GroupState> groups() {
        Map<String, GroupState> out = new LinkedHashMap<>();
        groups.forEach((id, group) -> out.put(id, group.snapshot()));
        return Collections.unmodifiableMap(out);
    }

    synchronized MemberState member(String groupId, String account) {
        Member member = existing(groupId).members.get(account);
        if (member == null) {
            throw new NoSuchElementException("the Tencent emulator holds no member " + account + " in " + groupId);
        }
        return member.snapshot(groupId);
    }

    synchronized Map<String, MemberState> members(String groupId) {
        Map<String, MemberState> out = new LinkedHashMap<>();
        existing(groupId).members.forEach((account, member) -> out.put(account, member.snapshot(groupId)));
        return Collections.unmodifiableMap(out);
    }

    private Group existing(String groupId) {
        Group group = groups.get(groupId);
        if (group == null) {
            throw new NoSuchElementException("the Tencent emulator holds no group " + groupId);
        }
        return group;
    }
}
