package io.groupsync.config;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A RongCloud app.
 *
 * @param region the region the endpoint was picked from, if it was
 */
public record RongCloudRoute(
        String name,
        @Setting(computed = "from region",
                doc = "Base URL of the RongCloud server API. Give this or region, not both.")
        URI endpoint,
        @Setting(computed = "none", doc = "Picks the endpoint and its api-b. backup from RongCloud's domains: china | "
                + "singapore | north-america | saudi.")
        Optional<Region> region,
        @Setting(computed = "the api-b. twin of a known primary, else none",
                doc = "Where calls fail over when the endpoint cannot be reached.")
        Optional<URI> backupEndpoint,
        @Setting(doc = "The app's App Key (not secret: it is sent with every request).")
        String appKey,
        @Setting(doc = "The app's App Secret, which signs requests. ${env:NAME} or ${file:/path}.")
        Secret appSecret,
        Map<String, Integer> limits) implements RouteConfig {

    /** RongCloud's primary domains; each has an {@code api-b.} twin that RongCloud recommends failing over to. */
    public enum Region implements RouteConfig.Region {
        CHINA("https://api.rong-api.com"),
        SINGAPORE("https://api.sg-light-api.com"),
        NORTH_AMERICA("https://api.us-light-api.com"),
        SAUDI("https://api.sau-light-api.com");

        private final URI endpoint;

        Region(String endpoint) {
            this.endpoint = URI.create(endpoint);
        }

        @Override
        public URI endpoint() {
            return endpoint;
        }
    }

    public RongCloudRoute {
        limits = Map.copyOf(limits);
    }

    @Override
    public VendorKind vendor() {
        return VendorKind.RONGCLOUD;
    }

    /** The backup defaults to the twin of a known primary; a backup equal to the endpoint would fail over to itself. */
    static void complete(Section s) {
        RouteReader.endpointOrRegion(s, Region.values());
        URI endpoint = s.get("endpoint");
        if (s.origin("backup-endpoint") == Section.Origin.NONE) {
            s.set("backup-endpoint", Optional.ofNullable(endpoint).flatMap(RongCloudRoute::twin));
        } else if (s.<Optional<URI>>get("backup-endpoint").filter(b -> b.equals(endpoint)).isPresent()) {
            s.problem("backup-endpoint", "must differ from endpoint");
        }
    }

    /** The {@code api-b.} twin of a known primary, same scheme and port; nothing for any other host. */
    private static Optional<URI> twin(URI primary) {
        boolean known = Arrays.stream(Region.values())
                .anyMatch(r -> r.endpoint().getHost().equalsIgnoreCase(primary.getHost()));
        return known ? Optional.of(URI.create(primary.getScheme() + "://api-b." + primary.getHost().substring(4)
                + (primary.getPort() < 0 ? "" : ":" + primary.getPort()) + primary.getRawPath())) : Optional.empty();
    }
}
