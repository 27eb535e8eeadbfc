package io.groupsync.worker;

import io.groupsync.dispatch.Completion;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Where HTTP threads leave vendor answers for the pipeline thread, and how a commit ending on the producer's thread
 * wakes it. If the pipeline is blocked in {@code poll} it is
 * woken ({@link Consumer#wakeup()} is the one consumer method safe from another thread), so an answer is acted on
 * at once rather than at the end of the poll timeout.
 */
final class CompletionInbox {

    private final BlockingQueue<Completion> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final Consumer<?, ?> consumer;

    CompletionInbox(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /** Called on an HTTP thread. */
    void add(Completion completion) {
        queue.add(completion);
        wake();
    }

    /** Wakes the pipeline thread if it is blocked in {@code poll}: something it waits for has happened. */
    void wake() {
        if (polling.get()) {
            consumer.wakeup();
        }
    }

    /** Marks the pipeline thread as entering or leaving {@code poll}. */
    void polling(boolean inPoll) {
        polling.set(inPoll);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    Completion poll() {
        return queue.poll();
    }

    Completion poll(long timeoutNanos) throws InterruptedException {
        return queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    }
}
