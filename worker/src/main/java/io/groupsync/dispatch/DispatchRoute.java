package io.groupsync.dispatch;

import io.groupsync.imapi.VendorClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One route as its dispatcher sees it: its name, the vendor client it calls and a rate limit for each of the
 * client's APIs.
 *
 * @param limiters per API; kept in the caller's order, which is the order the dispatcher pumps the APIs in
 */
public record DispatchRoute(String name, VendorClient client, Map<String, ApiLimiter> limiters) {

    public DispatchRoute {
        for (String api : client.apis()) {
            if (!limiters.containsKey(api)) {
                throw new IllegalArgumentException("route " + name + " has no rate limit for API " + api);
            }
        }
        limiters = Collections.unmodifiableMap(new LinkedHashMap<>(limiters));
    }
}
