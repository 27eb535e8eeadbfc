package io.groupsync.worker;

import io.groupsync.imapi.VendorClient;
import java.util.Map;

/**
 * One route as the pipeline needs it: its name, its vendor client and the calls per second allowed on each of the
 * client's APIs.
 */
public record RouteSpec(String name, VendorClient client, Map<String, Integer> limits) {

    public RouteSpec {
        limits = Map.copyOf(limits);
    }
}
