package io.groupsync.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The worker as a real separate process, started with the CLI like in production, so it can be stopped with
 * SIGTERM or killed with -9. Its output goes to a log file beside its config.
 */
public final class WorkerProcess implements AutoCloseable {

    /** Where the build put the shaded jar; set by the worker's pom for the failsafe suites and by scripts/demo. */
    public static final String JAR_PROPERTY = "groupsync.worker.jar";
    private static final String MAIN_CLASS = "io.groupsync.cli.Main";

    private final Path config;
    private final Path log;
    private final List<String> jvmArgs;
    private final List<String> launch;
    private Process process;

    /**
     * The CLI from this JVM's classpath, which must hold the worker (a test of a module that depends on
     * groupsync-worker): for tests of the test phase, when the jar does not exist yet.
     */
    public WorkerProcess(Path config, Path log, List<String> jvmArgs) {
        this(config, log, jvmArgs, List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
    }

    private WorkerProcess(Path config, Path log, List<String> jvmArgs, List<String> launch) {
        this.config = config;
        this.log = log;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.launch = launch;
    }

    /** {@code java -jar} on the packaged jar named by {@value #JAR_PROPERTY}: the worker exactly as it ships. */
    public static WorkerProcess packaged(Path config, Path log, List<String> jvmArgs) {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no packaged worker jar at " + JAR_PROPERTY + "=" + jar
                    + "; mvn package builds it (worker/target/groupsync-worker-<version>-all.jar)");
        }
        return new WorkerProcess(config, log, jvmArgs, List.of("-jar", jar));
    }

    public synchronized WorkerProcess start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(launch);
        command.add("run");
        command.add("--config");
        command.add(config.toString());
        // Our stdin is a pipe from this JVM: if it dies without stopping the worker, the worker stops itself.
        command.add("--stop-when-stdin-closes");
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the worker", e);
        }
        return this;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, then the exit code once it has stopped gracefully. */
    public synchronized int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the worker did not stop within " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /** Waits up to {@code timeout} for the process to exit; true if it has. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        return current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** kill -9: no shutdown hook, no commit. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public Path log() {
        return log;
    }

    /** The process, for what only the OS knows of it: its resident memory and CPU time (the benchmarks). */
    public synchronized ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
