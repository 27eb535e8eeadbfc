package io.groupsync.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The vendors a route can call, with the APIs the worker uses on each and their default rate limits in calls per
 * second. The Avro {@code io.groupsync.event.Vendor} written in results comes from each route's client; this enum
 * is the config's own, so the config does not depend on generated code.
 */
public enum VendorKind {
    /** Tencent Cloud Chat: 200 calls/s per API per SDKAppID, per Tencent's REST API pages. */
    TENCENT("tencent", 200, "modify_group_base_info", "modify_group_member_info", "forbid_send_msg"),
    /**
     * OpenIM has no fixed quota (its optional adaptive limiter answers 429), so 100/s each is our own cautious
     * default. API names are the server's paths, as the OpenIM client names its calls.
     */
    OPENIM("openim", 100, "group/set_group_info_ex", "group/set_group_member_info", "group/mute_group",
            "group/cancel_mute_group", "group/mute_group_member", "group/cancel_mute_group_member",
            "group/get_groups_info", "group/get_group_members_info"),
    /** RongCloud: 100 requests/s per API; names are the paths under /entrust/, as the RongCloud client names them. */
    RONGCLOUD("rongcloud", 100, "group/profile/update", "group/member/set");

    private final String configName;
    private final Map<String, Integer> defaultLimits;

    VendorKind(String configName, int defaultLimit, String... apis) {
        this.configName = configName;
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (String api : apis) {
            limits.put(api, defaultLimit);
        }
        this.defaultLimits = Collections.unmodifiableMap(limits);
    }

    /** The spelling used in the config file, e.g. {@code tencent}. */
    public String configName() {
        return configName;
    }

    /** Every API the worker calls on this vendor, in a stable order, with its default calls per second. */
    public Map<String, Integer> defaultLimits() {
        return defaultLimits;
    }

    static Optional<VendorKind> byConfigName(String name) {
        return Arrays.stream(values()).filter(v -> v.configName.equals(name)).findFirst();
    }
}
