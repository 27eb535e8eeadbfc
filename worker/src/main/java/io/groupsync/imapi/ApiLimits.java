package io.groupsync.imapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vendor's rate-limited APIs, as its client names them (one bucket each), with each one's default calls per
 * second. Each client declares its own once; the config's defaults and the client's {@link VendorClient#apis()}
 * both read it, so the two cannot drift apart.
 *
 * @param defaults API name → default calls per second, in a stable order
 * @param quota    what the vendor documents as the most calls per second on each of these APIs, if it documents one
 */
public record ApiLimits(Map<String, Integer> defaults, Optional<Quota> quota) {

    /**
     * A vendor's published quota per API, so that the config can warn of a limit above it (not refuse it: an account
     * can buy more).
     *
     * @param source where it is published, for the operator to look it up
     */
    public record Quota(int callsPerSecond, String source) {
    }

    public ApiLimits {
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /** These APIs with the quota the vendor documents for each of them. */
    public ApiLimits withQuota(int callsPerSecond, String source) {
        return new ApiLimits(defaults, Optional.of(new Quota(callsPerSecond, source)));
    }

    /** The same default for every API listed, in that order. */
    public static ApiLimits uniform(int callsPerSecond, String... apis) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (String api : apis) {
            if (limits.put(api, callsPerSecond) != null) {
                throw new IllegalArgumentException("API listed twice: " + api);
            }
        }
        return new ApiLimits(limits, Optional.empty());
    }

    public List<String> names() {
        return List.copyOf(defaults.keySet());
    }
}
