package io.groupsync.config;

import io.groupsync.imapi.ApiLimits;
import io.groupsync.imapi.openim.OpenImClient;
import io.groupsync.imapi.rongcloud.RongCloudClient;
import io.groupsync.imapi.tencent.TencentClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vendors a route can call, with the APIs the worker uses on each and their default rate limits in calls per
 * second, as each vendor's client declares them. The Avro {@code io.groupsync.event.Vendor} written in results
 * comes from each route's client; this enum is the config's own, so the config does not depend on generated code.
 */
public enum VendorKind {
    TENCENT("tencent", "Tencent", TencentClient.API_LIMITS, TencentClient.CALL_PATHS),
    OPENIM("openim", "OpenIM", OpenImClient.API_LIMITS, OpenImClient.CALL_PATHS),
    RONGCLOUD("rongcloud", "RongCloud", RongCloudClient.API_LIMITS, RongCloudClient.CALL_PATHS);

    private final String configName;
    private final String displayName;
    private final ApiLimits apis;
    private final List<String> callPaths;

    VendorKind(String configName, String displayName, ApiLimits apis, List<String> callPaths) {
        this.configName = configName;
        this.displayName = displayName;
        this.apis = apis;
        this.callPaths = callPaths;
    }

    /** The spelling used in the config file, e.g. {@code tencent}. */
    public String configName() {
        return configName;
    }

    /** Every API the worker calls on this vendor, in a stable order, with its default calls per second. */
    public Map<String, Integer> defaultLimits() {
        return apis.defaults();
    }

    /** The vendor's name in messages, e.g. {@code RongCloud}. */
    public String displayName() {
        return displayName;
    }

    /** The most calls per second the vendor documents for each API, if it documents one. */
    public Optional<ApiLimits.Quota> quota() {
        return apis.quota();
    }

    /** The paths the vendor's client appends to a route's endpoint, e.g. {@code v4/group_open_http_svc/…}. */
    List<String> callPaths() {
        return callPaths;
    }

    static Optional<VendorKind> byConfigName(String name) {
        return Arrays.stream(values()).filter(v -> v.configName.equals(name)).findFirst();
    }
}
