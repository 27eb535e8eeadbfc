package io.groupsync.imapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vendor's rate-limited APIs, as its client names them (one bucket each), with each one's default calls per
 * second. Each client declares its own once; the config's defaults and the client's {@link VendorClient#apis()}
 * both read it, so the two cannot drift apart.
 *
 * @param defaults API name → default calls per second, in a stable order
 */
public record ApiLimits(Map<String, Integer> defaults) {

    public ApiLimits {
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /** The same default for every API listed, in that order. */
    public static ApiLimits uniform(int callsPerSecond, String... apis) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (String api : apis) {
            if (limits.put(api, callsPerSecond) != null) {
                throw new IllegalArgumentException("API listed twice: " + api);
            }
        }
        return new ApiLimits(limits);
    }

    public List<String> names() {
        return List.copyOf(defaults.keySet());
    }
}
