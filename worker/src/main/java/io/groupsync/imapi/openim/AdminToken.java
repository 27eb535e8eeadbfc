package io.groupsync.imapi.openim;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.openim.OpenImAnswers.Attempt;
import io.groupsync.imapi.openim.OpenImErrors.Handling;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one admin token of a route, shared by every call. Each token OpenIM issues demotes the older ones to a
 * five-minute grace (docs/vendors/openim.md), so a token is fetched only when there is none yet, when the last
 * fetch failed, or when the server refused the one held — never on a timer — and one fetch serves every caller
 * waiting for it.
 * A call refused for its token is retried once, after the shared refresh; refused again, it is permanent.
 *
 * <p>The state is the future of the current token, replaced by compare-and-set: a caller refused a token names
 * the future it came from; the first such caller swaps in a new fetch, the others find it already replaced and
 * wait on the same one. No lock is held across I/O.
 *
 * <p>With a shared {@link AdminTokenStore}, a fetch first asks the fleet: a token another instance fetched (and not
 * the one just refused) is taken as is, and only the one instance whose turn it is asks OpenIM, so a forced expiry
 * costs the fleet one refresh.
 */
final class AdminToken {

    /** Logged under the client's name, which is what operators look for. */
    private static final Logger LOG = LoggerFactory.getLogger(OpenImClient.class);

    /** A token, or why none could be had (then {@code token} is null). */
    record Grant(String token, CallResult failure) {

        static Grant of(String token) {
            return new Grant(token, null);
        }

        static Grant failed(CallResult failure) {
            return new Grant(null, failure);
        }

        /** What an answer of {@code get_admin_token} grants. */
        static Grant from(OpenImReply fetched) {
            CallResult result = fetched.result();
            String issued = fetched.data().path("token").asText("");
            if (result.isOk() && !issued.isEmpty()) {
                LOG.info("fetched an OpenIM admin token ({})", result.message());
                return of(issued);
            }
            String why = result.isOk() ? "answered no token" : "failed";
            return failed(result.withOutcome(result.isOk() ? CallClass.PERMANENT : result.outcome())
                    .withMessage(OpenImClient.GET_ADMIN_TOKEN + " " + why + ": " + result.message()));
        }
    }

    /** One request with the token given; {@code retry} marks the one after a refresh. */
    @FunctionalInterface
    interface Exchange {
        CompletableFuture<Attempt> send(String token, boolean retry);
    }

    private final AtomicReference<CompletableFuture<Grant>> current = new AtomicReference<>();
    private final Supplier<CompletableFuture<Grant>> fetch;
    private final AdminTokenStore store;

    /** @param fetch asks the vendor for a new token; its future must not complete exceptionally */
    AdminToken(Supplier<CompletableFuture<Grant>> fetch) {
        this(fetch, AdminTokenStore.LOCAL);
    }

    /** @param store shares the token with the fleet: a fetch here takes the fleet's token unless it was refused */
    AdminToken(Supplier<CompletableFuture<Grant>> fetch, AdminTokenStore store) {
        this.fetch = fetch;
        this.store = store;
    }

    /** Sends with the token held; after a token error, once more with the refreshed token. */
    CompletableFuture<OpenImReply> call(Exchange exchange) {
        CompletableFuture<Grant> held = current();
        return held.thenCompose(grant -> grant.failure() != null ? done(OpenImReply.of(grant.failure()))
                : exchange.send(grant.token(), false).thenCompose(first -> first.handling()
                        != Handling.REFRESH_TOKEN ? done(first.reply())
                        : refreshAfter(held).thenCompose(fresh -> retry(exchange, first, fresh))));
    }

    private static CompletableFuture<OpenImReply> retry(Exchange exchange, Attempt first, Grant fresh) {
        String firstMessage = first.reply().result().message();
        if (fresh.failure() != null) {
            return done(OpenImReply.of(fresh.failure().withMessage(fresh.failure().message()
                    + "; the admin token was refused first: " + firstMessage)));
        }
        return exchange.send(fresh.token(), true).thenApply(second -> {
            CallResult result = second.reply().result();
            if (second.handling() != Handling.REFRESH_TOKEN) {
                return new OpenImReply(result.withMessage(result.message()
                        + " (retried with a refreshed admin token after " + firstMessage + ")"), second.reply().data());
            }
            LOG.warn("OpenIM refused a freshly fetched admin token: {}", result.message());
            return OpenImReply.of(CallResult.of(CallClass.PERMANENT, result.vendorCode(), result.httpStatus(),
                    "the admin token was refused again right after a refresh, so a new token does not help"
                            + " (check the secret, the admin userID and the server's token settings): "
                            + result.message() + "; before the refresh: " + firstMessage));
        });
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
        String refused = stale != null && stale.isDone() ? stale.join().token() : null;
        store.shared(refused).whenComplete((shared, storeError) -> {
            if (storeError == null && shared.isPresent()) {
                next.complete(Grant.of(shared.get()));
            } else {
                fetchInto(next);
            }
        });
        return next;
    }

    /** Asks the vendor, and hands a token it grants to the fleet. */
    private void fetchInto(CompletableFuture<Grant> next) {
        try {
            fetch.get().whenComplete((grant, error) -> {
                if (error == null && grant.failure() == null) {
                    store.publish(grant.token());
                }
                next.complete(error == null ? grant : Grant.failed(CallResult.ioFailure(error)));
            });
        } catch (RuntimeException e) {
            next.complete(Grant.failed(CallResult.failed(CallClass.PERMANENT,
                    "cannot ask for an admin token: " + e.getMessage(), e)));
        }
    }

    private static boolean failed(CompletableFuture<Grant> grant) {
        return grant.isDone() && grant.join().failure() != null;
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
