package io.groupsync.config;

import static io.groupsync.config.RouteSettings.*;

import io.groupsync.config.SettingReader.Origin;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code routes} list: each route's name and vendor first, then that vendor's settings. */
final class RouteReader {

    private final SettingReader reader;
    private final Problems problems;

    RouteReader(SettingReader reader, Problems problems) {
        this.reader = reader;
        this.problems = problems;
    }

    List<RouteConfig> read(Section root) {
        Object node = root.get(Settings.ROUTES.name());
        if (node == null || "".equals(node) || node instanceof List<?> empty && empty.isEmpty()) {
            problems.add(Settings.ROUTES.name(), "at least one route is required");
            return List.of();
        }
        if (!(node instanceof List<?> items)) {
            problems.add(Settings.ROUTES.name(), "must be a list of routes (- name: …)");
            return List.of();
        }
        List<RouteConfig> routes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> values)) {
                problems.add("routes[" + i + "]", "must be a mapping of route settings");
                continue;
            }
            // Until the name is known and valid, problems point at the route by its position.
            String name = reader.read(Section.route(String.valueOf(i), null, Section.cast(values)), NAME);
            if (name == null) {
                continue;
            }
            if (!names.add(name)) {
                problems.add("routes[" + name + "].name", "another route already has this name; names must be unique");
                continue;
            }
            String vendorName = reader.read(Section.route(name, null, Section.cast(values)), VENDOR);
            if (vendorName == null) {
                continue;
            }
            VendorKind vendor = VendorKind.byConfigName(vendorName).orElseThrow();
            Section section = Section.route(name, vendor, Section.cast(values));
            int before = problems.count();
            RouteConfig route = switch (vendor) {
                case TENCENT -> tencent(name, section);
                case OPENIM -> openIm(name, section);
                case RONGCLOUD -> rongCloud(name, section);
            };
            section.reportUnknown(problems);
            if (problems.count() == before) {
                routes.add(route);
            }
        }
        return routes;
    }

    private RouteConfig tencent(String name, Section s) {
        URI endpoint = endpoint(s, TENCENT_ENDPOINT, TENCENT_REGION, Regions.TENCENT);
        Long sdkAppId = reader.read(s, TENCENT_SDK_APP_ID);
        String identifier = reader.read(s, TENCENT_IDENTIFIER);
        Secret secretKey = reader.read(s, TENCENT_SECRET_KEY);
        Duration ttl = reader.read(s, TENCENT_USERSIG_TTL);
        Map<String, Integer> limits = limits(s, VendorKind.TENCENT);
        return sdkAppId == null ? null : new TencentRoute(name, endpoint, sdkAppId, identifier, secretKey, ttl, limits);
    }

    private RouteConfig openIm(String name, Section s) {
        URI endpoint = reader.read(s, OPENIM_ENDPOINT);
        String adminUserId = reader.read(s, OPENIM_ADMIN_USER_ID);
        Secret secret = reader.read(s, OPENIM_SECRET);
        return new OpenImRoute(name, endpoint, adminUserId, secret, limits(s, VendorKind.OPENIM));
    }

    private RouteConfig rongCloud(String name, Section s) {
        URI endpoint = endpoint(s, RONGCLOUD_ENDPOINT, RONGCLOUD_REGION, Regions.RONGCLOUD);
        Optional<URI> backup = reader.origin(s, RONGCLOUD_BACKUP_ENDPOINT) != Origin.NONE
                ? Optional.ofNullable(reader.read(s, RONGCLOUD_BACKUP_ENDPOINT))
                : Optional.ofNullable(endpoint).flatMap(Regions::rongCloudBackup);
        if (backup.isPresent() && backup.get().equals(endpoint)) {
            problems.add(s.fullName(RONGCLOUD_BACKUP_ENDPOINT.key()), "must differ from endpoint");
        }
        String appKey = reader.read(s, RONGCLOUD_APP_KEY);
        Secret appSecret = reader.read(s, RONGCLOUD_APP_SECRET);
        return new RongCloudRoute(name, endpoint, backup, appKey, appSecret, limits(s, VendorKind.RONGCLOUD));
    }

    /**
     * The endpoint, given directly or through a region, never both in one place. When one comes from the
     * environment and the other from the file, the environment wins, as overrides always do: pointing a route
     * whose file says {@code region: china} at a test endpoint must not need an edited file.
     */
    private URI endpoint(Section s, Setting<URI> endpoint, Setting<String> region, Map<String, URI> regions) {
        Origin byUrl = reader.origin(s, endpoint);
        Origin byRegion = reader.origin(s, region);
        if (byUrl != Origin.NONE && byRegion == byUrl) {
            problems.add(s.fullName(region.key()), "give endpoint or region, not both");
            return null;
        }
        if (byRegion != Origin.NONE && (byUrl == Origin.NONE || byRegion == Origin.ENV)) {
            String regionName = reader.read(s, region);
            return regionName == null ? null : regions.get(regionName);
        }
        if (byUrl == Origin.NONE) {
            problems.add(s.fullName(endpoint.key()), "required, or give region: " + String.join(" | ", regions.keySet())
                    + " (environment: " + s.envName(endpoint.key()) + ")");
            return null;
        }
        return reader.read(s, endpoint);
    }

    /** Every API of the vendor with its limit: the file's or the environment's, else the vendor default. */
    private Map<String, Integer> limits(Section route, VendorKind vendor) {
        Section section = route.child("limits", problems);
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (String api : vendor.defaultLimits().keySet()) {
            Integer limit = reader.read(section, RouteSettings.limit(vendor, api));
            if (limit != null) {
                limits.put(api, limit);
            }
        }
        section.reportUnknown(problems);
        return limits;
    }
}
