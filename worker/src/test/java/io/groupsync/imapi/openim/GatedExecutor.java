package io.groupsync.imapi.openim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An OkHttp dispatcher's executor that holds the calls enqueued while closed and starts them all on {@link #open},
 * so a test can put several requests on the wire together before any answer comes back. Starts open.
 */
final class GatedExecutor extends AbstractExecutorService {

    private final ExecutorService real = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gated-okhttp");
        t.setDaemon(true);
        return t;
    });
    private final List<Runnable> held = new ArrayList<>();
    private boolean open = true;

    @Override
    public void execute(Runnable task) {
        synchronized (held) {
            if (!open) {
                held.add(task);
                return;
            }
        }
        real.execute(task);
    }

    /** Holds the calls enqueued from now on. */
    void close() {
        synchronized (held) {
            open = false;
        }
    }

    /** Starts every held call, and every later one at once. */
    void open() {
        List<Runnable> release;
        synchronized (held) {
            open = true;
            release = List.copyOf(held);
            held.clear();
        }
        release.forEach(real::execute);
    }

    int heldCount() {
        synchronized (held) {
            return held.size();
        }
    }

    @Override
    public void shutdown() {
        real.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return real.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return real.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return real.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return real.awaitTermination(timeout, unit);
    }
}
