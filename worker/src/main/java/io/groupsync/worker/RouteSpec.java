package io.groupsync.worker;

import io.groupsync.config.OpenImRoute;
import io.groupsync.config.RongCloudRoute;
import io.groupsync.config.RouteConfig;
import io.groupsync.config.TencentRoute;
import io.groupsync.imapi.VendorClient;
import java.util.Map;

/**
 * One route as the pipeline needs it: its name, its vendor client, the calls per second allowed on each of the
 * client's APIs, and the vendor account it calls as, whose limits every route and instance on that account share.
 * Tests build one straight from a client and the limits they need; a configured worker builds it from the route's
 * config ({@link #of}).
 */
public record RouteSpec(String name, VendorClient client, Map<String, Integer> limits, String account) {

    public RouteSpec {
        limits = Map.copyOf(limits);
    }

    /** A route that is its own account. */
    public RouteSpec(String name, VendorClient client, Map<String, Integer> limits) {
        this(name, client, limits, name);
    }

    /** The configured route, calling through {@code client}, built for it. */
    public static RouteSpec of(RouteConfig config, VendorClient client) {
        return new RouteSpec(config.name(), client, config.limits(), account(config));
    }

    /** The vendor account a route calls as: the vendor's limits count per app (Tencent, RongCloud) or server. */
    public static String account(RouteConfig config) {
        if (config instanceof TencentRoute tencent) {
            return "tencent:" + tencent.sdkAppId();
        }
        if (config instanceof OpenImRoute openIm) {
            return "openim:" + openIm.endpoint() + "#" + openIm.adminUserId();
        }
        RongCloudRoute rong = (RongCloudRoute) config;
        return "rongcloud:" + rong.appKey();
    }
}
