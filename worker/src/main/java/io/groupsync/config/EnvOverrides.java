package io.groupsync.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Environment overrides: {@code GROUPSYNC_} + the setting's path, upper case, with everything but letters and digits
 * as underscores ({@code GROUPSYNC_PIPELINE_COMMIT_INTERVAL}); for a route {@code GROUPSYNC_ROUTES_<NAME>_<KEY>}.
 * An override wins over the file. A blank variable counts as unset, as orchestrators often template them empty.
 *
 * <p>Every name the reader asks for is remembered, so afterwards a {@code GROUPSYNC_} variable that no setting asked
 * for is refused as a typo, and one that two settings asked for (routes {@code a} and {@code a-backup} both reach
 * {@code GROUPSYNC_ROUTES_A_BACKUP_ENDPOINT}) is refused as ambiguous.
 */
final class EnvOverrides {

    static final String PREFIX = "GROUPSYNC_";

    private final Map<String, String> env;
    private final Map<String, Set<String>> asked = new LinkedHashMap<>();

    EnvOverrides(Map<String, String> env) {
        this.env = env;
    }

    /** How a name becomes part of a variable's name: upper case, everything but letters and digits as _. */
    static String token(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The override of {@code setting} from variable {@code name}, or null. */
    String lookup(String name, String setting) {
        asked.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(setting);
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    void reportStrays(Problems problems) {
        for (Map.Entry<String, String> var : new TreeMap<>(env).entrySet()) {
            String name = var.getKey();
            if (!name.startsWith(PREFIX) || var.getValue().isBlank()) {
                continue;
            }
            Set<String> settings = asked.get(name);
            if (settings == null) {
                problems.add(name, "no setting has this environment name" + Suggestions.closest(name, asked.keySet())
                        .map(s -> "; did you mean " + s + "?")
                        .orElse("; the GROUPSYNC_ prefix is reserved for settings"));
            } else if (settings.size() > 1) {
                problems.add(name, "ambiguous: it overrides " + String.join(" and ", settings) + "; rename a route");
            }
        }
    }
}
