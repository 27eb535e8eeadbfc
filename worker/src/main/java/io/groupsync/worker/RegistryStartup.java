package io.groupsync.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the pipeline reads anything: the registry ids of the outputs in its framing. A registry that cannot be
 * asked delays the start (nothing is read, so nothing waits half-done; not ready, and the metric says why) until
 * it answers or the worker is stopped. One that refuses a schema stops the start, naming the subject.
 */
final class RegistryStartup {

    private static final Logger log = LoggerFactory.getLogger(RegistryStartup.class);

    private final List<RegistryOutput<?>> outputs;
    private final Duration retry;
    private final PipelineListener listener;
    private final CountDownLatch stopped = new CountDownLatch(1);

    RegistryStartup(List<RegistryOutput<?>> outputs, Duration retry, PipelineListener listener) {
        this.outputs = List.copyOf(outputs);
        this.retry = retry;
        this.listener = listener;
    }

    /** Waits until every output has its id; returns early once {@link #stop()} is called. */
    void await() throws InterruptedException {
        boolean waited = false;
        while (!outputs.stream().allMatch(RegistryOutput::resolve)) {
            if (!waited) {
                waited = true;
                listener.registryAvailable(false);
                log.warn("the schema registry cannot be asked for the ids of {}; waiting for it before reading",
                        outputs.stream().map(RegistryOutput::subject).toList());
            }
            // Waiting on a dependency is not a stall: a restart would not bring the registry back.
            listener.looped(0, 0, 0);
            if (stopped.await(retry.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        }
        if (!outputs.isEmpty()) {
            listener.registryAvailable(true);
            if (waited) {
                log.info("the schema registry answers again; starting");
            }
        }
    }

    void stop() {
        stopped.countDown();
    }
}
