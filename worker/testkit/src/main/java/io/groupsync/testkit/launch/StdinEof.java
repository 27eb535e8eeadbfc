package io.groupsync.testkit.launch;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Ends a launched JVM when its stdin reaches end of file: the parent holds the pipe open and never writes, so EOF
 * means the parent is gone, however it died, and nothing started for it outlives it.
 */
public final class StdinEof {

    private StdinEof() {
    }

    /** Watches stdin on a daemon thread; at EOF (or a read error) tells {@code say} why and exits with 0. */
    public static void exitWhenClosed(Consumer<String> say) {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                byte[] buffer = new byte[256];
                while (in.read(buffer) != -1) {
                    // The parent never writes; anything it does write is ignored.
                }
            } catch (IOException e) {
                say.accept("reading stdin failed, treating it as EOF: " + e);
            }
            say.accept("stdin closed: the parent is gone, exiting");
            System.exit(0);
        }, "stdin-eof-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
