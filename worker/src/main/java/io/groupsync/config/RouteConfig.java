package io.groupsync.config;

import java.net.URI;
import java.util.Map;

/** One vendor app the worker keeps in step: a name, the vendor, where its API is and how fast it may be called. */
public sealed interface RouteConfig permits TencentRoute, OpenImRoute, RongCloudRoute {

    /** Below 2 a token bucket cannot both hold one token and refill one per second within the limit. */
    int MIN_LIMIT = 2;

    /** Unique, {@code [a-z0-9_-]{1,64}}; appears in results, metrics and logs. */
    String name();

    VendorKind vendor();

    /** Base URL of the vendor's API, without a trailing slash. */
    URI endpoint();

    /** Calls per second allowed per vendor API, every API of the vendor present (defaults filled in). */
    Map<String, Integer> limits();

    /** The record that holds a route of this vendor. */
    static Class<? extends RouteConfig> type(VendorKind vendor) {
        return switch (vendor) {
            case TENCENT -> TencentRoute.class;
            case OPENIM -> OpenImRoute.class;
            case RONGCLOUD -> RongCloudRoute.class;
        };
    }

    /** A vendor's published API domain by region (docs/vendors/), so a route can say {@code region: tokyo}. */
    interface Region {
        URI endpoint();
    }

    /**
     * The settings every route has, whatever its vendor: read first, the name to report the rest under and the
     * vendor to decide which record the rest fill; the limits, one per API of the vendor.
     */
    record Common(
            @Setting(pattern = "[a-z0-9_-]{1,64}", rule = "must be 1-64 of a-z, 0-9, _ and -", fromEnv = false,
                    doc = "Unique name of the route, used in results, metrics, logs and its environment overrides.")
            String name,
            @Setting(doc = "tencent, openim or rongcloud; decides which of the settings below the route takes.")
            VendorKind vendor,
            @Setting(byDefault = "the vendor's", min = "" + MIN_LIMIT,
                    doc = "Calls per second allowed to %s's %s on this route, at least " + MIN_LIMIT + ".")
            Map<String, Integer> limits) {
    }
}
