package io.groupsync.intake;

import io.groupsync.imapi.VendorClient;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.PendingKey;
import io.groupsync.model.PlanContext;
import io.groupsync.model.ReplayHeaders;
import io.groupsync.model.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which routes an edit goes to, and what each route's vendor makes of it: the fields it offers and those it skips,
 * whether it accepts them. A function of the edit and the vendor clients only; the pipeline loop applies the
 * decisions.
 */
public final class RouteSplit {

    private static final Logger log = LoggerFactory.getLogger(RouteSplit.class);

    private final Map<String, VendorClient> clients;

    /** @param clients each route's vendor client, in the order an edit that names no route goes to them */
    public RouteSplit(Map<String, VendorClient> clients) {
        this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
    }

    /**
     * How many outcomes the edit has: one per route it is for ({@link #routesOf}), known or not.
     */
    public int outcomesOf(Edit edit) {
        return new HashSet<>(routesOf(edit)).size();
    }

    /**
     * The routes an edit is for. A replay ({@link ReplayHeaders#ROUTES}) is for the routes that failed and no
     * other, whatever the event names: the routes that applied the original must not see it again. Otherwise the
     * routes the event names, or every route if it names none.
     */
    Collection<String> routesOf(Edit edit) {
        return routesOf(edit.source(), edit.targetRoutes());
    }

    /** The same for a record and the routes its event names (null: none named). */
    public Collection<String> routesOf(SourceRecord source, List<String> targetRoutes) {
        Header replay = source.headers().lastHeader(ReplayHeaders.ROUTES);
        if (replay != null) {
            String names = replay.value() == null ? "" : new String(replay.value(), StandardCharsets.UTF_8);
            List<String> routes = Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty())
                    .toList();
            // A replay for no route at all is a broken header, not an edit for every route.
            return routes.isEmpty() ? List.of("") : routes;
        }
        return targetRoutes == null ? clients.keySet() : targetRoutes;
    }

    /**
     * One decision per route of the edit ({@link #outcomesOf}): first those this worker does not have, then the
     * others in the order the edit names them.
     */
    public List<RouteDecision> split(Edit edit) {
        Set<String> wanted = new LinkedHashSet<>(routesOf(edit));
        List<RouteDecision> decisions = new ArrayList<>(wanted.size());
        for (String route : wanted) {
            if (!clients.containsKey(route)) {
                decisions.add(new RouteDecision.UnknownRoute(route));
            }
        }
        for (String route : wanted) {
            VendorClient client = clients.get(route);
            if (client != null) {
                decisions.add(decide(route, client, edit));
            }
        }
        return decisions;
    }

    /**
     * A vendor client that fails on an edit (a bug, not bad input) must not stop the worker nor leave the record
     * without its outcome, which would hold its partition's offset for ever: the edit is rejected for that route
     * with the failure as the reason, and its dead letter can be replayed once the bug is fixed.
     */
    private static RouteDecision decide(String route, VendorClient client, Edit edit) {
        Map<Field, String> unsupported;
        Patch supported = edit.patch().copy();
        List<String> violations;
        try {
            unsupported = client.unsupported(edit.target(), edit.patch());
            unsupported.keySet().forEach(supported::without);
            violations = client.violations(edit, supported);
        } catch (RuntimeException e) {
            log.error("route {} failed to check event {}; rejecting it for that route", route, edit.eventId(), e);
            CoveredEvent event = new CoveredEvent(edit.eventId(), edit.occurredAtMillis(), edit.source(),
                    edit.patch().fields(edit.target().kind()), Map.of());
            return new RouteDecision.Rejected(route, event, "internal error checking the event: " + e);
        }
        // The event is held until its outcome commits, under a backlog hundreds of thousands of them: an immutable
        // copy, so the usual empty map is one shared instance, not a LinkedHashMap and its key set per event.
        CoveredEvent event = new CoveredEvent(edit.eventId(), edit.occurredAtMillis(), edit.source(),
                supported.fields(edit.target().kind()), Map.copyOf(unsupported));
        if (!violations.isEmpty()) {
            return new RouteDecision.Rejected(route, event, String.join("; ", violations));
        }
        if (supported.isEmpty()) {
            return new RouteDecision.NothingToSend(route, event);
        }
        return new RouteDecision.Offer(new PendingKey(route, edit.groupId(), edit.target()), event, supported,
                new PlanContext(edit.groupType(), edit.operator()));
    }
}
