package io.groupsync.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a route's base URL whose path ends in what the vendor's client appends to it: Tencent's sample URL reads
 * {@code https://console.tim.qq.com/v4/group_open_http_svc/…}, and a base URL copied from it would send every call
 * to {@code …/v4/group_open_http_svc/v4/group_open_http_svc/…}. Any other path is kept as a prefix, for a proxy
 * (OpenIM is often served under {@code /api}).
 */
final class EndpointPaths {

    private EndpointPaths() {
    }

    /** Checks the setting {@code key} (a URL, or an optional one) of the route in {@code s}. */
    static void check(Section s, String key, VendorKind vendor) {
        Object value = s.get(key);
        URI endpoint = value instanceof Optional<?> optional ? (URI) optional.orElse(null) : (URI) value;
        if (endpoint == null) {
            return;
        }
        List<String> segments = Arrays.stream(endpoint.getRawPath().split("/")).filter(p -> !p.isEmpty()).toList();
        int repeated = repeated(segments, vendor.callPaths());
        if (repeated > 0) {
            List<String> kept = segments.subList(0, segments.size() - repeated);
            String base = endpoint.getScheme() + "://" + endpoint.getRawAuthority()
                    + kept.stream().map(p -> "/" + p).reduce("", String::concat);
            s.problem(key, "ends in /" + String.join("/", segments.subList(kept.size(), segments.size()))
                    + ", which the client adds to every call itself; write "
                    + (s.hiddenAs(key) == null ? base : "the URL without it"));
        }
    }

    /** How many of the path's last segments one of the appended paths starts with; the most, or 0. */
    private static int repeated(List<String> segments, List<String> appended) {
        for (int k = segments.size(); k > 0; k--) {
            List<String> end = segments.subList(segments.size() - k, segments.size());
            int length = k;
            if (appended.stream().map(a -> List.of(a.split("/")))
                    .anyMatch(a -> a.size() >= length && a.subList(0, length).equals(end))) {
                return k;
            }
        }
        return 0;
    }
}
