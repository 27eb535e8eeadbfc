package io.groupsync.imapi.openim;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.openim.AdminToken.Grant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The single-flight token holder on its own, with fetches the test completes by hand. */
class AdminTokenTest {

    private final List<CompletableFuture<Grant>> fetches = new ArrayList<>();
    private final AdminToken token = new AdminToken(() -> {
        CompletableFuture<Grant> fetch = new CompletableFuture<>();
        synchronized (fetches) {
            fetches.add(fetch);
        }
        return fetch;
    });

    private int fetchCount() {
        synchronized (fetches) {
            return fetches.size();
        }
    }

    @Test
    void fetchesLazilyAndHandsEveryCallerTheSameFetch() throws Exception {
        assertThat(fetchCount()).isZero();

        CompletableFuture<Grant> first = token.current();
        CompletableFuture<Grant> second = token.current();
        fetches.get(0).complete(Grant.of("t1"));

        assertThat(second).isSameAs(first);
        assertThat(first.get(5, SECONDS).token()).isEqualTo("t1");
        assertThat(token.current()).isSameAs(first);
        assertThat(fetchCount()).isEqualTo(1);
    }

    @Test
    void manyThreadsRefusedTheSameTokenStartExactlyOneRefresh() throws Exception {
        CompletableFuture<Grant> held = token.current();
        fetches.get(0).complete(Grant.of("t1"));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CompletableFuture<Grant>>> refreshed = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                refreshed.add(threads.submit(() -> {
                    start.await();
                    return token.refreshAfter(held);
                }));
            }
            start.countDown();
            List<CompletableFuture<Grant>> seen = new ArrayList<>();
            for (Future<CompletableFuture<Grant>> f : refreshed) {
                seen.add(f.get(5, SECONDS));
            }

            assertThat(fetchCount()).isEqualTo(2);
            assertThat(seen).allMatch(f -> f == seen.get(0));
            fetches.get(1).complete(Grant.of("t2"));
            assertThat(seen.get(0).get(5, SECONDS).token()).isEqualTo("t2");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCallerRefusedAnOlderTokenGetsTheNewerOneWithoutAnotherFetch() throws Exception {
        CompletableFuture<Grant> old = token.current();
        fetches.get(0).complete(Grant.of("t1"));
        CompletableFuture<Grant> newer = token.refreshAfter(old);
        fetches.get(1).complete(Grant.of("t2"));

        assertThat(token.refreshAfter(old)).isSameAs(newer);
        assertThat(fetchCount()).isEqualTo(2);
    }

    @Test
    void aFailedFetchIsHandedToItsWaitersAndReplacedByTheNextCaller() throws Exception {
        CompletableFuture<Grant> failed = token.current();
        CallResult why = new CallResult(CallClass.TRANSIENT, null, 503, "HTTP 503", null, null);
        fetches.get(0).complete(Grant.failed(why));

        assertThat(failed.get(5, SECONDS).failure()).isSameAs(why);
        CompletableFuture<Grant> next = token.current();
        assertThat(next).isNotSameAs(failed);
        fetches.get(1).complete(Grant.of("t2"));
        assertThat(next.get(5, SECONDS).token()).isEqualTo("t2");
    }

    @Test
    void aFetchThatCompletesExceptionallyBecomesATransientFailure() throws Exception {
        CompletableFuture<Grant> grant = token.current();
        fetches.get(0).completeExceptionally(new IOException("connection reset"));

        assertThat(grant.get(5, SECONDS).failure().outcome()).isEqualTo(CallClass.TRANSIENT);
    }
}
