package io.groupsync.intake;

import io.groupsync.model.CoveredEvent;
import io.groupsync.model.Patch;
import io.groupsync.model.PendingKey;
import io.groupsync.model.PlanContext;
import io.groupsync.model.ReplayHeaders;

/** What one route makes of one edit ({@link RouteSplit}): an outcome at once, or a share to coalesce. */
public sealed interface RouteDecision
        permits RouteDecision.UnknownRoute, RouteDecision.Rejected, RouteDecision.NothingToSend, RouteDecision.Offer {

    String route();

    /** The edit names a route this worker does not have: that route's outcome is a dead letter. */
    record UnknownRoute(String route) implements RouteDecision {
        public String reason() {
            return route.isEmpty() ? "the replay header " + ReplayHeaders.ROUTES + " names no route"
                    : "no route named " + route;
        }
    }

    /** The route's vendor cannot take the edit, or failed checking it: the route's outcome is a rejection. */
    record Rejected(String route, CoveredEvent event, String reason) implements RouteDecision {
    }

    /** Every field the edit sets is one the route's vendor skips: the route's outcome is at once. */
    record NothingToSend(String route, CoveredEvent event) implements RouteDecision {
    }

    /** The fields the route's vendor offers, to merge into the key's pending work. */
    record Offer(PendingKey key, CoveredEvent event, Patch patch, PlanContext context) implements RouteDecision {
        @Override
        public String route() {
            return key.route();
        }
    }
}
