package io.groupsync.imapi.openim;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The one admin token of a route, shared by every call. Each token OpenIM issues demotes the older ones to a
 * five-minute grace (VENDORS.md), so a token is fetched only when there is none yet, when the last fetch failed,
 * or when the server refused the one held — never on a timer — and one fetch serves every caller waiting for it.
 *
 * <p>The state is the future of the current token, replaced by compare-and-set: a caller refused a token names
 * the future it came from; the first such caller swaps in a new fetch, the others find it already replaced and
 * wait on the same one. No lock is held across I/O.
 */
final class AdminToken {

    /** A token, or why none could be had (then {@code token} is null). */
    record Grant(String token, CallResult failure) {

        static Grant of(String token) {
            return new Grant(token, null);
        }

        static Grant failed(CallResult failure) {
            return new Grant(null, failure);
        }
    }

    private final AtomicReference<CompletableFuture<Grant>> current = new AtomicReference<>();
    private final Supplier<CompletableFuture<Grant>> fetch;

    /** @param fetch asks the vendor for a new token; its future must not complete exceptionally */
    AdminToken(Supplier<CompletableFuture<Grant>> fetch) {
        this.fetch = fetch;
    }

    /** The token to use: the one held, the fetch under way, or a new fetch when there is none or it failed. */
    CompletableFuture<Grant> current() {
        CompletableFuture<Grant> held = current.get();
        return held != null && !failed(held) ? held : replace(held);
    }

    /** A new token after {@code refused} (as returned by {@link #current}) was refused by the server. */
    CompletableFuture<Grant> refreshAfter(CompletableFuture<Grant> refused) {
        return replace(refused);
    }

    private CompletableFuture<Grant> replace(CompletableFuture<Grant> stale) {
        CompletableFuture<Grant> next = new CompletableFuture<>();
        if (!current.compareAndSet(stale, next)) {
            // Another caller replaced it first: share theirs (or replace it in turn if it failed meanwhile).
            return current();
        }
        try {
            fetch.get().whenComplete((grant, error) -> next.complete(error == null ? grant
                    : Grant.failed(CallResult.ioFailure(error))));
        } catch (RuntimeException e) {
            next.complete(Grant.failed(new CallResult(CallClass.PERMANENT, null, null,
                    "cannot ask for an admin token: " + e.getMessage(), null, e.getClass().getName())));
        }
        return next;
    }

    private static boolean failed(CompletableFuture<Grant> grant) {
        return grant.isDone() && grant.join().failure() != null;
    }
}
