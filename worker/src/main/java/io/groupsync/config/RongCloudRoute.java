package io.groupsync.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A RongCloud app.
 *
 * @param backupEndpoint where calls fail over when the endpoint cannot be reached, if anywhere
 * @param appKey         the App Key, sent with every request (not a secret)
 * @param appSecret      the App Secret, which signs requests
 */
public record RongCloudRoute(String name, URI endpoint, Optional<URI> backupEndpoint, String appKey,
                             Secret appSecret, Map<String, Integer> limits) implements RouteConfig {

    public RongCloudRoute {
        limits = Map.copyOf(limits);
    }

    @Override
    public VendorKind vendor() {
        return VendorKind.RONGCLOUD;
    }
}
