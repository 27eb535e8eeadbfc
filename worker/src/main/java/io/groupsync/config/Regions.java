package io.groupsync.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The vendors' published API domains by region (VENDORS.md), so a route can say {@code region: tokyo}. */
final class Regions {

    private Regions() {
    }

    /** Tencent Cloud Chat REST domains. */
    static final Map<String, URI> TENCENT = ordered(
            "china", "https://console.tim.qq.com",
            "singapore", "https://adminapisgp.im.qcloud.com",
            "seoul", "https://adminapikr.im.qcloud.com",
            "tokyo", "https://adminapijpn.im.qcloud.com",
            "frankfurt", "https://adminapiger.im.qcloud.com",
            "silicon-valley", "https://adminapiusa.im.qcloud.com",
            "jakarta", "https://adminapiidn.im.qcloud.com");

    /** RongCloud primary domains; each has an {@code api-b.} twin that RongCloud recommends failing over to. */
    static final Map<String, URI> RONGCLOUD = ordered(
            "china", "https://api.rong-api.com",
            "singapore", "https://api.sg-light-api.com",
            "north-america", "https://api.us-light-api.com",
            "saudi", "https://api.sau-light-api.com");

    private static final String PRIMARY_PREFIX = "api.";
    private static final String BACKUP_PREFIX = "api-b.";

    /** The backup of a known RongCloud primary, same scheme and port; nothing for any other host. */
    static Optional<URI> rongCloudBackup(URI primary) {
        boolean known = RONGCLOUD.values().stream().anyMatch(p -> p.getHost().equalsIgnoreCase(primary.getHost()));
        if (!known) {
            return Optional.empty();
        }
        String host = BACKUP_PREFIX + primary.getHost().substring(PRIMARY_PREFIX.length());
        return Optional.of(URI.create(primary.getScheme() + "://" + host
                + (primary.getPort() < 0 ? "" : ":" + primary.getPort()) + primary.getRawPath()));
    }

    private static Map<String, URI> ordered(String... regionUrlPairs) {
        Map<String, URI> map = new LinkedHashMap<>();
        for (int i = 0; i < regionUrlPairs.length; i += 2) {
            map.put(regionUrlPairs[i], URI.create(regionUrlPairs[i + 1]));
        }
        return Collections.unmodifiableMap(map);
    }
}
