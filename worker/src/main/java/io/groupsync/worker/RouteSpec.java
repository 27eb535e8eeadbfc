package io.groupsync.worker;

import io.groupsync.config.RouteConfig;
import io.groupsync.imapi.VendorClient;
import java.util.Map;

/**
 * One route as the pipeline needs it: its name, its vendor client and the calls per second allowed on each of the
 * client's APIs. Tests build one straight from a client and the limits they need; a configured worker builds it
 * from the route's config ({@link #of}).
 */
public record RouteSpec(String name, VendorClient client, Map<String, Integer> limits) {

    public RouteSpec {
        limits = Map.copyOf(limits);
    }

    /** The configured route, calling through {@code client}, built for it. */
    public static RouteSpec of(RouteConfig config, VendorClient client) {
        return new RouteSpec(config.name(), client, config.limits());
    }
}
