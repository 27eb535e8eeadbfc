package io.groupsync.testkit.process;

import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import java.util.List;

/**
 * The APIs the worker calls on each vendor, as a route's {@code limits} names them, and the worker's default limit on
 * each (deploy/groupsync.example.yaml). The testkit cannot ask the worker, which depends on it, so it spells them
 * itself; the worker's tests check that both agree.
 */
public enum VendorApis {
    TENCENT("tencent", 200, List.of(TencentEmulator.MODIFY_GROUP_BASE_INFO, TencentEmulator.MODIFY_GROUP_MEMBER_INFO,
            TencentEmulator.FORBID_SEND_MSG)),
    OPENIM("openim", 100, List.of(OpenImEmulator.SET_GROUP_INFO_EX, OpenImEmulator.SET_GROUP_MEMBER_INFO,
            OpenImEmulator.MUTE_GROUP, OpenImEmulator.CANCEL_MUTE_GROUP, OpenImEmulator.MUTE_GROUP_MEMBER,
            OpenImEmulator.CANCEL_MUTE_GROUP_MEMBER, OpenImEmulator.GET_GROUPS_INFO,
            OpenImEmulator.GET_GROUP_MEMBERS_INFO)),
    RONGCLOUD("rongcloud", 100, List.of(RongCloudEmulator.PROFILE_UPDATE, RongCloudEmulator.MEMBER_SET,
            RongCloudEmulator.MEMBER_QUERY));

    private final String configName;
    private final int defaultLimit;
    private final List<String> apis;

    VendorApis(String configName, int defaultLimit, List<String> apis) {
        this.configName = configName;
        this.defaultLimit = defaultLimit;
        this.apis = apis;
    }

    /** The route's {@code vendor:} value. */
    public String configName() {
        return configName;
    }

    /** Calls per second on each API when the route sets no limit. */
    public int defaultLimit() {
        return defaultLimit;
    }

    /** Every API the worker calls on the vendor, in a stable order. */
    public List<String> apis() {
        return apis;
    }
}
