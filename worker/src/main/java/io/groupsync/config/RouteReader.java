package io.groupsync.config;

import io.groupsync.config.Section.Origin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads the {@code routes} list: each route's name and vendor first, then that vendor's record. */
final class RouteReader {

    private RouteReader() {
    }

    static List<RouteConfig> read(Section root) {
        Object node = root.file().get("routes");
        if (node == null || "".equals(node) || node instanceof List<?> empty && empty.isEmpty()) {
            root.problem("routes", "at least one route is required");
            return List.of();
        }
        if (!(node instanceof List<?> items)) {
            root.problem("routes", "must be a list of routes (- name: …)");
            return List.of();
        }
        List<RouteConfig> routes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> file)) {
                root.problem("routes[" + i + "]", "must be a mapping of route settings");
                continue;
            }
            // Until the name is known and valid, problems point at the route by its position.
            Section unnamed = root.route(String.valueOf(i), file);
            if (file.get("name") instanceof String given && Placeholders.isPlaceholder(given.trim())) {
                unnamed.problem("name", "must be written in the file, not taken from a placeholder: it names the "
                        + "route in every result, metric and log line");
                continue;
            }
            String name = (String) unnamed.read(RouteConfig.Common.class, "name");
            Section route = name == null ? null : root.route(name, file);
            if (route != null && !names.add(name)) {
                route.problem("name", "another route already has this name; names must be unique");
            } else if (route != null && route.read(RouteConfig.Common.class, "vendor") instanceof VendorKind vendor) {
                Optional.ofNullable(read(route, name, vendor)).ifPresent(routes::add);
            }
        }
        return routes;
    }

    private static RouteConfig read(Section route, String name, VendorKind vendor) {
        Class<? extends RouteConfig> type = RouteConfig.type(vendor);
        route.readSettings(type);
        route.set("name", name);
        route.set("limits", limits(route.child("limits"), vendor));
        switch (vendor) {
            case TENCENT -> endpointOrRegion(route, TencentRoute.Region.values());
            case RONGCLOUD -> RongCloudRoute.complete(route);
            default -> { }
        }
        EndpointPaths.check(route, "endpoint", vendor);
        if (vendor == VendorKind.RONGCLOUD) {
            EndpointPaths.check(route, "backup-endpoint", vendor);
        }
        List<String> known = Stream.of(List.of("name", "vendor"), keys(type), List.of("limits"))
                .flatMap(List::stream).toList();
        route.reportUnknown(known, key -> Arrays.stream(VendorKind.values())
                .anyMatch(other -> other != vendor && keys(RouteConfig.type(other)).contains(key))
                ? "not a setting of " + vendor.configName() + " routes" : "unknown setting");
        return route.build(type);
    }

    /** Every API of the vendor with its limit: the file's or the environment's, else the vendor default. */
    private static Map<String, Integer> limits(Section section, VendorKind vendor) {
        Setting rule = Section.component(RouteConfig.Common.class, "limits").getAnnotation(Setting.class);
        Map<String, Integer> limits = new LinkedHashMap<>();
        vendor.defaultLimits().forEach((api, byDefault) -> {
            if (section.read(api, rule, int.class, String.valueOf(byDefault)) instanceof Integer limit) {
                limits.put(api, limit);
            }
        });
        section.reportUnknown(List.copyOf(vendor.defaultLimits().keySet()),
                key -> vendor.configName() + " has no such API");
        return limits;
    }

    /**
     * The endpoint, given directly or through a region, never both in one place. When one comes from the
     * environment and the other from the file, the environment wins, as overrides always do: pointing a route
     * whose file says {@code region: china} at a test endpoint must not need an edited file.
     */
    static void endpointOrRegion(Section s, Enum<?>[] regions) {
        Origin byUrl = s.origin("endpoint");
        Origin byRegion = s.origin("region");
        if (byUrl != Origin.NONE && byRegion == byUrl) {
            s.problem("region", "give endpoint or region, not both");
        } else if (byRegion != Origin.NONE && (byUrl == Origin.NONE || byRegion == Origin.ENV)) {
            s.<Optional<RouteConfig.Region>>get("region").ifPresent(r -> s.set("endpoint", r.endpoint()));
        } else if (byUrl == Origin.NONE) {
            s.problem("endpoint", "required, or give region: " + Arrays.stream(regions).map(ValueTypes::format)
                    .collect(Collectors.joining(" | ")) + " (environment: " + s.envName("endpoint") + ")");
        } else {
            s.set("region", Optional.empty());
        }
    }

    /** The keys of a vendor's own settings. */
    private static List<String> keys(Class<? extends RouteConfig> type) {
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.isAnnotationPresent(Setting.class))
                .map(Section::key).toList();
    }
}
