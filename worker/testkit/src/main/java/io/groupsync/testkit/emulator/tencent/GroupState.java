package io.groupsync.testkit.emulator.tencent;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Tencent emulator holds for one group: get_group_info's fields, named as Tencent names them
 * (lower camel case). Option values are Tencent's strings ({@code NeedPermission}, {@code On}); an option the
 * group type lacks is null. Immutable.
 *
 * @param ownerAccount   {@code Owner_Account}, null for a group without an owner (created by the app admin)
 * @param maxMemberNum   0 where the type has no cap (AVChatRoom)
 * @param appDefinedData {@code AppDefinedData} by key, sorted
 */
public record GroupState(String groupId, GroupType type, String ownerAccount, String name, String introduction,
                         String notification, String faceUrl, long maxMemberNum, String applyJoinOption,
                         String inviteJoinOption, String muteAllMember, Map<String, String> appDefinedData) {

    public GroupState {
        appDefinedData = Collections.unmodifiableMap(new TreeMap<>(appDefinedData));
    }
}
