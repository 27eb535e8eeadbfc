package io.groupsync.testkit.kafka;

import io.groupsync.testkit.launch.StdinEof;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one combined broker+controller KRaft node from the Maven Central jars, for tests and scripts.
 *
 * <pre>
 * KafkaBrokerMain --log-dir DIR [--port P] [--controller-port C] [--num-partitions N] [--set NAME=VALUE]…
 *                 [--detached]
 * </pre>
 *
 * Ports 0 (the default) pick free loopback ports; the chosen ports are stored in {@code DIR/ports.properties}
 * so a restart on the same directory keeps its address. When the broker is ready the line
 * {@code BOOTSTRAP=127.0.0.1:PORT} goes to stdout and to {@code DIR/bootstrap.txt}; nothing else goes to the
 * console, the broker logs to {@code DIR/broker.log}. Without {@code --detached} the node exits when its
 * stdin reaches EOF, so a broker never outlives the process that started it.
 */
public final class KafkaBrokerMain {

    static final String HOST = "127.0.0.1";
    static final String BOOTSTRAP_PREFIX = "BOOTSTRAP=";
    static final String BOOTSTRAP_FILE = "bootstrap.txt";
    static final String LOG_FILE = "broker.log";
    static final String STDERR_FILE = "broker-stderr.log";
    private static final String PORTS_FILE = "ports.properties";
    private static final String DATA_DIR = "data";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: KafkaBrokerMain --log-dir DIR [--port P] [--controller-port C]"
                    + " [--num-partitions N] [--set NAME=VALUE]... [--detached]");
            System.exit(2);
            return;
        }
        Path dir = options.logDir;
        Files.createDirectories(dir);
        // Before the first logger is created: both logging back ends read these once, at initialisation.
        routeLoggingTo(dir.resolve(LOG_FILE));
        Logger log = LoggerFactory.getLogger(KafkaBrokerMain.class);

        // A stale file from the previous run must not look like readiness to anyone polling for it.
        Files.deleteIfExists(dir.resolve(BOOTSTRAP_FILE));
        Ports ports = Ports.resolve(dir.resolve(PORTS_FILE), options.port, options.controllerPort);
        Properties config = brokerConfig(dir.resolve(DATA_DIR), ports, options.numPartitions);
        config.putAll(options.settings);
        Path configFile = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(configFile)) {
            config.store(out, "written by KafkaBrokerMain on every start");
        }
        formatIfNeeded(dir.resolve(DATA_DIR), configFile, log);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        // SIGTERM, System.exit and stdin EOF all end here, so every way out is a clean shutdown.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            server.shutdown();
            server.awaitShutdown();
        }, "broker-shutdown"));
        if (!options.detached) {
            StdinEof.exitWhenClosed(log::info);
        }
        try {
            server.startup();
        } catch (Throwable e) {
            log.error("broker failed to start", e);
            System.err.println("broker failed to start: " + e);
            System.exit(1);
        }

        String bootstrap = HOST + ":" + ports.port;
        Path tmp = dir.resolve(BOOTSTRAP_FILE + ".tmp");
        Files.writeString(tmp, BOOTSTRAP_PREFIX + bootstrap + "\n");
        Files.move(tmp, dir.resolve(BOOTSTRAP_FILE), StandardCopyOption.ATOMIC_MOVE);
        log.info("ready at {}", bootstrap);
        System.out.println(BOOTSTRAP_PREFIX + bootstrap);
        System.out.flush();
        server.awaitShutdown();
    }

    private static void routeLoggingTo(Path logFile) {
        System.setProperty("groupsync.broker.log", logFile.toString());
        System.setProperty("logback.configurationFile",
                KafkaBrokerMain.class.getResource("broker-logback.xml").toString());
        System.setProperty("log4j2.configurationFile",
                KafkaBrokerMain.class.getResource("broker-log4j2.xml").toString());
    }

    private static Properties brokerConfig(Path dataDir, Ports ports, int numPartitions) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + HOST + ":" + ports.controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + ports.port + ",CONTROLLER://" + HOST + ":"
                + ports.controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + ports.port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", dataDir.toString());

        // One node: every replication factor and ISR minimum must be 1 or transactions and groups never start.
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Internal topics are created on first use; 50 partitions each would cost seconds in the first test.
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.num.partitions", "5");

        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.partitions", Integer.toString(numPartitions));
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // After a kill -9 the controller refuses the restarted broker until the dead one's session expires
        // (9 s by default). Broker and controller share one process here, so a short session costs nothing.
        p.setProperty("broker.heartbeat.interval.ms", "500");
        p.setProperty("broker.session.timeout.ms", "2500");

        // Small files and buffers: a test broker holds little data and shares two cores with the tests.
        p.setProperty("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        p.setProperty("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        return p;
    }

    private static void formatIfNeeded(Path dataDir, Path configFile, Logger log) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            log.info("{} already formatted, keeping its data", dataDir);
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // execute, not main: main calls System.exit. Eligible leader replicas off: with them, a lone broker
            // killed with -9 comes back out of its partitions' ISR and ELR, is made their leader by an unclean
            // election, and a transaction it had committed just before could stay unfinished (its markers not
            // written: a read_committed reader never saw it, once in a dozen restarts). A lone broker is always
            // its partitions' clean leader without them, as a replicated cluster's survivors would be.
            rc = StorageTool.execute(new String[] {
                "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString(),
                "--feature", "eligible.leader.replicas.version=0"
            }, out);
        }
        String text = output.toString(StandardCharsets.UTF_8).strip();
        log.info("format: {}", text);
        if (rc != 0) {
            throw new IllegalStateException("formatting " + dataDir + " failed (" + rc + "): " + text);
        }
    }

    /** The two ports of the node, kept in the log dir so a restart comes back at the same address. */
    private record Ports(int port, int controllerPort) {

        static Ports resolve(Path file, int requestedPort, int requestedControllerPort) throws IOException {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    stored.load(in);
                }
            }
            int port = choose(requestedPort, stored.getProperty("port"));
            int controllerPort = choose(requestedControllerPort, stored.getProperty("controller.port"));
            // Both sockets stay open until both numbers are known, so the two free ports differ.
            try (ServerSocket a = freeSocket(port); ServerSocket b = freeSocket(controllerPort)) {
                port = a.getLocalPort();
                controllerPort = b.getLocalPort();
            }
            Properties chosen = new Properties();
            chosen.setProperty("port", Integer.toString(port));
            chosen.setProperty("controller.port", Integer.toString(controllerPort));
            try (Writer out = Files.newBufferedWriter(file)) {
                chosen.store(out, "ports of this broker; a restart on this directory reuses them");
            }
            return new Ports(port, controllerPort);
        }

        private static int choose(int requested, String stored) {
            if (requested != 0 || stored == null) {
                return requested;
            }
            return Integer.parseInt(stored);
        }

        /** Port 0 binds a free port; a fixed port is only probed so a clash fails here with its number. */
        private static ServerSocket freeSocket(int port) throws IOException {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
                return socket;
            } catch (IOException e) {
                throw new IOException("cannot bind " + HOST + ":" + port + ": " + e.getMessage(), e);
            }
        }
    }

    /** @param settings broker settings that win over the ones this class chooses, from {@code --set} */
    private record Options(Path logDir, int port, int controllerPort, int numPartitions, Map<String, String> settings,
                           boolean detached) {

        static Options parse(String[] args) {
            Path logDir = null;
            int port = 0;
            int controllerPort = 0;
            int numPartitions = 1;
            boolean detached = false;
            Map<String, String> settings = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--log-dir" -> logDir = Path.of(value(args, ++i)).toAbsolutePath();
                    case "--port" -> port = number(args, ++i);
                    case "--controller-port" -> controllerPort = number(args, ++i);
                    case "--num-partitions" -> numPartitions = number(args, ++i);
                    case "--set" -> {
                        String setting = value(args, ++i);
                        int eq = setting.indexOf('=');
                        if (eq < 1) {
                            throw new IllegalArgumentException("--set needs NAME=VALUE, got " + setting);
                        }
                        settings.put(setting.substring(0, eq), setting.substring(eq + 1));
                    }
                    case "--detached" -> detached = true;
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (logDir == null) {
                throw new IllegalArgumentException("--log-dir is required");
            }
            if (numPartitions < 1) {
                throw new IllegalArgumentException("--num-partitions must be at least 1");
            }
            return new Options(logDir, port, controllerPort, numPartitions, settings, detached);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static int number(String[] args, int i) {
            String v = value(args, i);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[i - 1] + " needs a number, got " + v);
            }
        }
    }
}
