package io.groupsync.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One mapping of the file as the reader walks it: where it is ({@code routes[rong].limits}), which part of the
 * settings table describes it ({@code routes[].limits}), its environment prefix and, inside a route, the vendor.
 */
final class Section {

    private final String path;
    private final String schema;
    private final String envPrefix;
    private final VendorKind vendor;
    private final Map<String, Object> values;

    private Section(String path, String schema, String envPrefix, VendorKind vendor, Map<String, Object> values) {
        this.path = path;
        this.schema = schema;
        this.envPrefix = envPrefix;
        this.vendor = vendor;
        this.values = values;
    }

    static Section root(Map<String, Object> values) {
        return new Section("", "", EnvOverrides.PREFIX, null, values);
    }

    /** A route's mapping, named by its position until its name is known. */
    static Section route(String label, VendorKind vendor, Map<String, Object> values) {
        String env = EnvOverrides.PREFIX + "ROUTES_" + EnvOverrides.token(label) + "_";
        return new Section("routes[" + label + "]", "routes[]", env, vendor, values);
    }

    /** The mapping under {@code key}; an absent or empty one is empty, anything else is a problem. */
    Section child(String key, Problems problems) {
        Object node = values.get(key);
        Map<String, Object> map = Map.of();
        if (node instanceof Map<?, ?> m) {
            map = cast(m);
        } else if (node != null && !"".equals(node)) {
            problems.add(fullName(key), "must be a mapping, not " + (node instanceof List ? "a list" : "a value"));
        }
        String childSchema = schema.isEmpty() ? key : schema + "." + key;
        return new Section(fullName(key), childSchema, envPrefix + EnvOverrides.token(key) + "_", vendor, map);
    }

    Object get(String key) {
        return values.get(key);
    }

    Map<String, Object> values() {
        return values;
    }

    String fullName(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String envName(String key) {
        return envPrefix + EnvOverrides.token(key);
    }

    /** Refuses keys the settings table does not know here, naming the closest known key. */
    void reportUnknown(Problems problems) {
        List<String> known = Settings.keysOf(schema, vendor);
        for (String key : values.keySet()) {
            if (known.contains(key)) {
                continue;
            }
            Optional<String> closest = Suggestions.closest(key, known);
            String hint = closest.map(k -> "did you mean " + fullName(k) + "?")
                    .orElse("expected one of " + String.join(", ", known));
            String what = schema.endsWith(".limits") ? vendor.configName() + " has no such API"
                    : vendor != null && otherVendorHas(key) ? "not a setting of " + vendor.configName() + " routes"
                    : "unknown setting";
            problems.add(fullName(key), what + "; " + hint);
        }
    }

    private boolean otherVendorHas(String key) {
        for (VendorKind other : VendorKind.values()) {
            if (other != vendor && Settings.keysOf(schema, other).contains(key)) {
                return true;
            }
        }
        return false;
    }

    // The YAML reader builds every mapping as Map<String, Object>.
    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
