package io.groupsync.config;

import java.net.URI;
import java.util.Map;

/** An OpenIM server. */
public record OpenImRoute(
        String name,
        @Setting(doc = "Base URL of the OpenIM server API (its default port is 10002).")
        URI endpoint,
        @Setting(byDefault = "imAdmin", doc = "The administrator user ID the admin token is requested for.")
        String adminUserId,
        @Setting(doc = "The server's secret, traded for an admin token. ${env:NAME} or ${file:/path}.")
        Secret secret,
        Map<String, Integer> limits) implements RouteConfig {

    public OpenImRoute {
        limits = Map.copyOf(limits);
    }

    @Override
    public VendorKind vendor() {
        return VendorKind.OPENIM;
    }
}
