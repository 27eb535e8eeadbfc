package io.groupsync.dispatch;

import io.groupsync.time.Clock;

/** Makes the token source of each vendor API of a route: local buckets, or buckets shared by the fleet. */
@FunctionalInterface
public interface TokenSources {

    /**
     * @param account the vendor account the route calls as: routes on one account share its buckets
     * @param api     the vendor API
     * @param limit   its calls per second
     */
    TokenSource of(String account, String api, int limit);

    /** A bucket of this process per API: {@code rate-limit.store: local}. */
    static TokenSources local(Clock clock) {
        return (account, api, limit) -> new LocalTokens(limit, clock);
    }
}
