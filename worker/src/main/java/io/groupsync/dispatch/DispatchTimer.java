package io.groupsync.dispatch;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay: how the dispatcher sends a call whose token it reserved ahead. */
@FunctionalInterface
public interface DispatchTimer {

    void schedule(Runnable task, long delayNanos);

    static DispatchTimer of(ScheduledExecutorService executor) {
        return (task, delayNanos) -> executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }
}
