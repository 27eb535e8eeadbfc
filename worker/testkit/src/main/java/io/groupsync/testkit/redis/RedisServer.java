package io.groupsync.testkit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the Debian package; {@code .ci/run} installs it when missing) on a free loopback port,
 * in a temporary directory, with nothing persisted: tests of the shared rate limits run against the server the
 * deployment uses, not a stand-in. {@link #stop()} kills it; {@link #start()} brings it back on the same port, so a
 * test can take Redis away mid-run and return it (empty, as a restarted cache would be). Testcontainers would need
 * Docker, which the machines here lack.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final String BINARY = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");

    private final Path dir;
    private final int port;
    private final String password;
    private final Thread exitHook;
    private Process process;

    private RedisServer(Path dir, int port, String password) {
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.exitHook = new Thread(this::stop, "redis-server-exit-" + port);
    }

    /** Starts a server on a free port with no password. */
    public static RedisServer startNew() {
        return startNew(null);
    }

    /** Starts a server on a free port that asks for {@code password} (null: none). */
    public static RedisServer startNew(String password) {
        try {
            RedisServer server = new RedisServer(Files.createTempDirectory("groupsync-redis-"), freePort(), password);
            Runtime.getRuntime().addShutdownHook(server.exitHook);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The password it asks for, or null. */
    public String password() {
        return password;
    }

    /** {@code redis://127.0.0.1:PORT}, without the password. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server (again) on its port; returns once it answers PING. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = new java.util.ArrayList<>(List.of(BINARY, "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--loglevel", "warning", "--logfile", dir.resolve("redis.log").toString()));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.out").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY + " (install the redis-server package): " + e, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port + ": " + log());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting redis-server", e);
            }
        }
    }

    /** Kills the server at once (SIGKILL), as an outage would; its data, kept in memory only, is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway.
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp dir left behind is not worth failing a test for.
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            String ping = password == null ? "PING\r\n" : "AUTH " + password + "\r\nPING\r\n";
            out.write(ping.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64];
            StringBuilder answer = new StringBuilder();
            while (!answer.toString().contains("PONG")) {
                int n = in.read(buffer);
                if (n < 0) {
                    return false;
                }
                answer.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            Path file = dir.resolve("redis.log");
            return Files.exists(file) ? Files.readString(file) : Files.readString(dir.resolve("redis.out"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
