package io.groupsync.testkit.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the {@code groupsync} command line as its own process, from the test classpath, to its exit: for
 * checks of what the process itself does (exit codes, what it prints and where), which a call of {@code Main} in
 * this JVM could not show.
 *
 * @param exitCode the process's exit code
 * @param stdout   what it printed on standard output
 * @param stderr   what it printed on standard error
 */
public record CliRun(int exitCode, String stdout, String stderr) {

    /** Starts quickly: these runs are short and many, on a machine shared with other builds. */
    private static final List<String> JVM_ARGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m");

    /**
     * Runs {@code groupsync args…} in {@code dir} with {@code env} added to an environment cleared of every
     * {@code GROUPSYNC_} variable (they override settings), and waits up to {@code timeout} for it to exit.
     */
    public static CliRun of(Path dir, Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_ARGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.groupsync.cli.Main");
        command.addAll(List.of(args));
        Files.createDirectories(dir);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GROUPSYNC_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("groupsync " + String.join(" ", args) + " still runs after " + timeout
                        + "; see " + dir);
            }
        } finally {
            process.destroyForcibly();
        }
        return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
