package io.groupsync.config;

import io.groupsync.imapi.ApiLimits;
import io.groupsync.imapi.openim.OpenImClient;
import io.groupsync.imapi.rongcloud.RongCloudClient;
import io.groupsync.imapi.tencent.TencentClient;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The vendors a route can call, with the APIs the worker uses on each and their default rate limits in calls per
 * second, as each vendor's client declares them. The Avro {@code io.groupsync.event.Vendor} written in results
 * comes from each route's client; this enum is the config's own, so the config does not depend on generated code.
 */
public enum VendorKind {
    TENCENT("tencent", TencentClient.API_LIMITS),
    OPENIM("openim", OpenImClient.API_LIMITS),
    RONGCLOUD("rongcloud", RongCloudClient.API_LIMITS);

    private final String configName;
    private final ApiLimits apis;

    VendorKind(String configName, ApiLimits apis) {
        this.configName = configName;
        this.apis = apis;
    }

    /** The spelling used in the config file, e.g. {@code tencent}. */
    public String configName() {
        return configName;
    }

    /** Every API the worker calls on this vendor, in a stable order, with its default calls per second. */
    public Map<String, Integer> defaultLimits() {
        return apis.defaults();
    }

    static Optional<VendorKind> byConfigName(String name) {
        return Arrays.stream(values()).filter(v -> v.configName.equals(name)).findFirst();
    }
}
