package io.groupsync.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A Tencent Cloud Chat app.
 *
 * @param sdkAppId   the app's SDKAppID
 * @param identifier the administrator account calls are signed for
 * @param secretKey  the key that signs UserSigs
 * @param userSigTtl validity of each generated UserSig
 */
public record TencentRoute(String name, URI endpoint, long sdkAppId, String identifier, Secret secretKey,
                           Duration userSigTtl, Map<String, Integer> limits) implements RouteConfig {

    public TencentRoute {
        limits = Map.copyOf(limits);
    }

    @Override
    public VendorKind vendor() {
        return VendorKind.TENCENT;
    }
}
