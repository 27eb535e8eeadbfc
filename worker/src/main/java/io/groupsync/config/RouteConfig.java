package io.groupsync.config;

import java.net.URI;
import java.util.Map;

/** One vendor app the worker keeps in step: a name, the vendor, where its API is and how fast it may be called. */
public sealed interface RouteConfig permits TencentRoute, OpenImRoute, RongCloudRoute {

    /** Unique, {@code [a-z0-9_-]{1,64}}; appears in results, metrics and logs. */
    String name();

    VendorKind vendor();

    /** Base URL of the vendor's API, without a trailing slash. */
    URI endpoint();

    /** Calls per second allowed per vendor API, every API of the vendor present (defaults filled in). */
    Map<String, Integer> limits();
}
