package io.groupsync.ops;

import io.groupsync.time.Clock;
import java.io.PrintStream;

/**
 * A progress bar on standard error, redrawn at most once a second: in place on a terminal, one line per second
 * otherwise (a log or a CI run keeps every line), so standard output holds only the summary.
 */
final class Progress {

    private static final long SECOND = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final Clock clock;
    private final boolean terminal = System.console() != null;
    private long shownAt;

    Progress(PrintStream err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.shownAt = clock.nanoTime();
    }

    void maybeShow(String line, long done, long total) {
        long now = clock.nanoTime();
        if (now - shownAt < SECOND) {
            return;
        }
        shownAt = now;
        int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
        String bar = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + line;
        if (terminal) {
            err.print("\r" + bar);
        } else {
            err.println(bar);
        }
        err.flush();
    }

    void finish(String line) {
        err.println((terminal ? "\r" : "") + "[" + "#".repeat(WIDTH) + "] " + line);
    }
}
