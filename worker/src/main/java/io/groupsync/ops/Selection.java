package io.groupsync.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which dead letters a replay takes: every filter given must match, and a filter of several values matches any of
 * them. An empty set or a null bound is no filter.
 *
 * @param from            dead letters written at or after this time
 * @param until           dead letters written before this time
 * @param sourcePartition the partition of the input topic the edit was first published to, -1 for any
 * @param sourceOffsets   that partition's offsets, {@code [first, last]} inclusive, null for any
 */
public record Selection(Set<String> routes, Set<String> vendors, Set<String> reasons, Set<String> vendorCodes,
                        Set<String> httpStatuses, Set<String> groups, Set<String> members, Set<String> eventIds,
                        Instant from, Instant until, int sourcePartition, long[] sourceOffsets) {

    public Selection {
        routes = Set.copyOf(routes);
        vendors = Set.copyOf(vendors);
        reasons = Set.copyOf(reasons);
        vendorCodes = Set.copyOf(vendorCodes);
        httpStatuses = Set.copyOf(httpStatuses);
        groups = Set.copyOf(groups);
        members = Set.copyOf(members);
        eventIds = Set.copyOf(eventIds);
        sourceOffsets = sourceOffsets == null ? null : sourceOffsets.clone();
    }

    public static Selection all() {
        return new Selection(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), null,
                null, -1, null);
    }

    boolean matches(Letter letter) {
        long written = letter.record().timestamp();
        return in(routes, letter.route()) && in(vendors, letter.vendor()) && in(reasons, letter.reason())
                && in(vendorCodes, letter.vendorCode()) && in(httpStatuses, letter.httpStatus())
                && in(groups, letter.groupId()) && in(members, letter.memberId()) && in(eventIds, letter.eventId())
                && (from == null || written >= from.toEpochMilli()) && (until == null || written < until.toEpochMilli())
                && (sourcePartition < 0 || letter.originalPartition() == sourcePartition)
                && (sourceOffsets == null || letter.originalOffset() >= sourceOffsets[0]
                && letter.originalOffset() <= sourceOffsets[1]);
    }

    /** The filters given, one {@code name=values} each, for the report: what was asked is part of the answer. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, "route", routes);
        add(parts, "vendor", vendors);
        add(parts, "reason", reasons);
        add(parts, "vendor-code", vendorCodes);
        add(parts, "http-status", httpStatuses);
        add(parts, "group", groups);
        add(parts, "member", members);
        add(parts, "event-id", eventIds);
        if (from != null) {
            parts.add("from=" + from);
        }
        if (until != null) {
            parts.add("until=" + until);
        }
        if (sourcePartition >= 0) {
            parts.add("source-partition=" + sourcePartition);
        }
        if (sourceOffsets != null) {
            parts.add("source-offsets=" + sourceOffsets[0] + ".." + sourceOffsets[1]);
        }
        return parts.isEmpty() ? "every dead letter" : String.join(" ", parts);
    }

    private static boolean in(Set<String> wanted, String value) {
        return wanted.isEmpty() || value != null && wanted.contains(value);
    }

    private static void add(List<String> parts, String name, Set<String> values) {
        if (!values.isEmpty()) {
            parts.add(name + "=" + String.join(",", values.stream().sorted().toList()));
        }
    }
}
