package io.groupsync.imapi.openim;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where a route's admin token is kept beyond this process, so the instances of a fleet share one token and one
 * refresh: every token OpenIM issues demotes the others', so N instances refreshing on their own would keep
 * knocking each other's tokens into their grace period. {@link #LOCAL} keeps nothing: each process fetches its own.
 */
public interface AdminTokenStore {

    /** Nothing shared: the process fetches its own token. */
    AdminTokenStore LOCAL = new AdminTokenStore() {
        @Override
        public CompletableFuture<Optional<String>> shared(String refused) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public void publish(String token) {
        }
    };

    /**
     * A token the fleet holds that is not {@code refused} (null when this process holds none yet), waiting a while
     * for one another instance is fetching; empty when this process is to fetch it, and then {@link #publish} it.
     * Never completes exceptionally: a store that cannot be reached answers empty.
     */
    CompletableFuture<Optional<String>> shared(String refused);

    /** Hands the token this process fetched to the fleet, and ends its turn to fetch. */
    void publish(String token);
}
