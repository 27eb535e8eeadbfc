package io.groupsync.config;

import java.net.URI;
import java.util.Map;

/**
 * An OpenIM server.
 *
 * @param adminUserId the administrator user ID the admin token is requested for
 * @param secret      the server's secret, traded for an admin token
 */
public record OpenImRoute(String name, URI endpoint, String adminUserId, Secret secret, Map<String, Integer> limits)
        implements RouteConfig {

    public OpenImRoute {
        limits = Map.copyOf(limits);
    }

    @Override
    public VendorKind vendor() {
        return VendorKind.OPENIM;
    }
}
