package io.groupsync.testkit.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real KRaft broker in a child JVM ({@link KafkaBrokerMain}), started from this JVM's own java binary and
 * classpath. The child watches its stdin, which this handle holds open, so it also goes away when this JVM
 * dies without running its shutdown hooks.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final Path logDir;
    private final Map<String, String> settings;
    private final Thread exitHook;
    private Process process;
    private String bootstrapServers;

    private KafkaBroker(Path logDir, Map<String, String> settings) {
        this.logDir = logDir.toAbsolutePath();
        this.settings = Map.copyOf(settings);
        this.exitHook = new Thread(this::stop, "kafka-broker-exit-" + this.logDir.getFileName());
    }

    /** Starts a broker on {@code logDir}, formatting it first if it is new; returns once the broker serves. */
    public static KafkaBroker start(Path logDir) {
        return start(logDir, Map.of());
    }

    /** The same with broker settings of the caller's over the test defaults, kept across restarts. */
    public static KafkaBroker start(Path logDir, Map<String, String> settings) {
        KafkaBroker broker = new KafkaBroker(logDir, settings);
        broker.launch();
        Runtime.getRuntime().addShutdownHook(broker.exitHook);
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path logDir() {
        return logDir;
    }

    /** The broker's own log in {@code logDir}, e.g. to keep or read after a run. */
    public static Path logFile(Path logDir) {
        return logDir.resolve(KafkaBrokerMain.LOG_FILE);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, so the broker shuts down cleanly; SIGKILL only if it has not exited after 30 s. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        process.destroy();
        if (!awaitExit(STOP_TIMEOUT)) {
            process.destroyForcibly();
            awaitExit(STOP_TIMEOUT);
        }
    }

    /** SIGKILL: a crash, no clean shutdown; the next start recovers the logs. */
    public synchronized void kill() {
        if (!isRunning()) {
            return;
        }
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
    }

    /** Stops the broker if it runs and starts it again on the same directory, at the same address. */
    public synchronized void restart() {
        String before = bootstrapServers;
        stop();
        launch();
        if (!bootstrapServers.equals(before)) {
            throw new IllegalStateException("broker came back at " + bootstrapServers + " instead of " + before);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException alreadyExiting) {
            // Called from another shutdown hook: this hook is running or has run; nothing left to undo.
        }
    }

    private synchronized void launch() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // A test broker holds little; without a cap the JVM would size its heap at a quarter of the machine.
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(), "--log-dir", logDir.toString()));
        settings.forEach((name, value) -> command.addAll(List.of("--set", name + "=" + value)));
        Process started;
        try {
            Files.createDirectories(logDir);
            started = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(
                            logDir.resolve(KafkaBrokerMain.STDERR_FILE).toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a broker JVM on " + logDir, e);
        }
        process = started;
        CompletableFuture<String> ready = watchStdout(started);
        try {
            bootstrapServers = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroyForcibly();
            throw new IllegalStateException("interrupted while the broker on " + logDir + " started", e);
        } catch (ExecutionException | TimeoutException e) {
            started.destroyForcibly();
            awaitExit(STOP_TIMEOUT);
            String why = e instanceof TimeoutException
                    ? "did not report ready within " + START_TIMEOUT.toSeconds() + " s"
                    : e.getCause().getMessage();
            throw new IllegalStateException("broker on " + logDir + " " + why + "\n" + logTail(), e);
        }
    }

    /**
     * Completes with the bootstrap address from the BOOTSTRAP line, or fails when stdout closes first (the
     * child died). The reader keeps draining stdout afterwards so the child never blocks on a full pipe.
     */
    private static CompletableFuture<String> watchStdout(Process child) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(KafkaBrokerMain.BOOTSTRAP_PREFIX)) {
                        ready.complete(line.substring(KafkaBrokerMain.BOOTSTRAP_PREFIX.length()).strip());
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("exited before it was ready"));
        }, "kafka-broker-stdout-" + child.pid());
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail() {
        return logTail(line -> true);
    }

    /** The last lines of the broker's stderr and log that {@code keep} accepts, for a failure message. */
    String logTail(Predicate<String> keep) {
        StringBuilder tail = new StringBuilder();
        for (String name : List.of(KafkaBrokerMain.STDERR_FILE, KafkaBrokerMain.LOG_FILE)) {
            Path file = logDir.resolve(name);
            tail.append("--- last lines of ").append(file).append(" ---\n");
            try {
                List<String> lines = Files.exists(file)
                        ? Files.readAllLines(file).stream().filter(keep).toList()
                        : List.of("(missing)");
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                        .forEach(line -> tail.append(line).append('\n'));
            } catch (IOException e) {
                tail.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return tail.toString();
    }
}
