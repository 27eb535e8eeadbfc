package io.groupsync.config;

import io.groupsync.imapi.ApiLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits above the quota the vendor documents for an API. Not refused: an account can buy a higher quota, and only
 * the operator knows whether theirs has one; without one, the calls beyond the quota are answered as throttled.
 * The limit itself is not quoted, for it may have come from a placeholder (see {@link ValueTypes}).
 */
final class QuotaWarnings {

    private QuotaWarnings() {
    }

    static List<String> of(List<RouteConfig> routes) {
        List<String> warnings = new ArrayList<>();
        for (RouteConfig route : routes) {
            route.vendor().quota().ifPresent(quota -> {
                for (String api : route.vendor().defaultLimits().keySet()) {
                    if (route.limits().getOrDefault(api, 0) > quota.callsPerSecond()) {
                        warnings.add(warning(route, api, quota));
                    }
                }
            });
        }
        return List.copyOf(warnings);
    }

    private static String warning(RouteConfig route, String api, ApiLimits.Quota quota) {
        return "routes[" + route.name() + "].limits." + api + ": above " + route.vendor().displayName()
                + "'s documented quota of " + quota.callsPerSecond() + " calls/s (" + quota.source() + "); calls "
                + "beyond it are answered as throttled unless the app's quota was raised";
    }
}
