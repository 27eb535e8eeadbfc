package io.groupsync.worker;

import io.groupsync.imapi.openim.AdminTokenStore;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One OpenIM account's admin token in Redis, and whose turn it is to fetch the next: the first instance to find the
 * held token refused (or none held) takes the turn with SET NX for {@link #TURN}; the others wait for the token it
 * publishes. If the turn's holder dies, its turn runs out and the next instance takes it; one that waits longer than
 * {@link #WAIT} fetches on its own, as it would with no store.
 */
final class RedisAdminTokens implements AdminTokenStore {

    static final Duration TURN = Duration.ofSeconds(10);
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);

    private final Supplier<StatefulRedisConnection<String, String>> connection;
    private final String key;
    private final String turnKey;

    RedisAdminTokens(Supplier<StatefulRedisConnection<String, String>> connection, String key) {
        this.connection = connection;
        this.key = key;
        this.turnKey = key + ":turn";
    }

    @Override
    public CompletableFuture<Optional<String>> shared(String refused) {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        attempt(refused, System.nanoTime() + WAIT.toNanos(), answer);
        return answer;
    }

    private void attempt(String refused, long deadline, CompletableFuture<Optional<String>> answer) {
        StatefulRedisConnection<String, String> redis = connection.get();
        if (redis == null) {
            answer.complete(Optional.empty());
            return;
        }
        try {
            redis.async().get(key).thenCompose(held -> {
                if (held != null && !held.equals(refused)) {
                    return CompletableFuture.completedFuture(Optional.of(held));
                }
                return redis.async().set(turnKey, "1", SetArgs.Builder.nx().px(TURN)).thenApply(ok ->
                        "OK".equals(ok) ? Optional.<String>empty() : null);
            }).whenComplete((result, error) -> {
                if (error != null || result != null) {
                    answer.complete(error != null ? Optional.empty() : result);
                } else if (System.nanoTime() > deadline) {
                    answer.complete(Optional.empty());
                } else {
                    CompletableFuture.delayedExecutor(POLL.toMillis(), TimeUnit.MILLISECONDS)
                            .execute(() -> attempt(refused, deadline, answer));
                }
            });
        } catch (RuntimeException e) {
            answer.complete(Optional.empty());
        }
    }

    @Override
    public void publish(String token) {
        StatefulRedisConnection<String, String> redis = connection.get();
        if (redis == null) {
            return;
        }
        try {
            redis.async().set(key, token).thenCompose(ok -> redis.async().del(turnKey));
        } catch (RuntimeException e) {
            // The others' turn runs out and one of them fetches: a token too many, never none.
        }
    }
}
