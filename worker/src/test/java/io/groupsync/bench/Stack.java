package io.groupsync.bench;

import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.kafka.KafkaBroker;
import io.groupsync.testkit.kafka.KafkaClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What every scenario shares: one real KRaft broker in a temporary directory for the whole run, fresh topics per
 * scenario, and vendor emulators in this JVM (their CPU is the driver's, reported beside the worker's).
 */
final class Stack implements AutoCloseable {

    static final long SDK_APP_ID = 1_400_000_001L;
    static final String TENCENT_ADMIN = "administrator";
    static final String OPENIM_ADMIN = OpenImEmulator.DEFAULT_ADMIN_USER_ID;
    static final String RONG_APP_KEY = "benchappkey";

    final Path home;
    final String secret = UUID.randomUUID().toString();
    private final KafkaBroker broker;
    private int topics;

    private Stack(Path home, KafkaBroker broker) {
        this.home = home;
        this.broker = broker;
    }

    static Stack start() throws IOException {
        return start(Map.of());
    }

    /** @param brokerSettings broker properties over the test broker's own */
    static Stack start(Map<String, String> brokerSettings) throws IOException {
        Path home = Files.createTempDirectory("groupsync-bench-");
        try {
            return new Stack(home, KafkaBroker.start(home.resolve("broker"), brokerSettings));
        } catch (RuntimeException e) {
            delete(home);
            throw e;
        }
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    /** Input, result and dead-letter topics for one run, named after it. */
    record Topics(String input, String results, String deadLetters) {
    }

    Topics topics(String scenario, int inputPartitions) {
        String prefix = "bench-" + scenario + "-" + (++topics);
        Topics t = new Topics(prefix + ".changes", prefix + ".results", prefix + ".dead-letters");
        KafkaClients.createTopic(bootstrap(), t.input(), inputPartitions);
        KafkaClients.createTopic(bootstrap(), t.results(), 3);
        KafkaClients.createTopic(bootstrap(), t.deadLetters(), 1);
        return t;
    }

    /** Output topics of one more worker run over an existing input topic. */
    Topics outputsFor(String input, String run) {
        String prefix = input.replace(".changes", "") + "-" + run;
        Topics t = new Topics(input, prefix + ".results", prefix + ".dead-letters");
        KafkaClients.createTopic(bootstrap(), t.results(), 3);
        KafkaClients.createTopic(bootstrap(), t.deadLetters(), 1);
        return t;
    }

    /** A Tencent emulator that creates groups on their first edit and limits every API to {@code limit}/s. */
    TencentEmulator tencent(int limit) {
        TencentEmulator tencent = new TencentEmulator(SDK_APP_ID, TENCENT_ADMIN, secret, EmulatorClock.system());
        tencent.setAutoCreate(true, GroupType.PUBLIC);
        tencent.limiter().setDefaultLimit(limit);
        return tencent.start();
    }

    /**
     * An OpenIM emulator holding {@code groups} already: the client reads a group's {@code ex} before it writes it,
     * and a read does not create a group the way an edit does.
     */
    OpenImEmulator openIm(int limit, List<String> groups) {
        OpenImEmulator openIm = new OpenImEmulator(EmulatorClock.system(), secret);
        openIm.setAutoCreate(true);
        groups.forEach(openIm::seedGroup);
        openIm.limiter().setDefaultLimit(limit);
        return openIm.start();
    }

    RongCloudEmulator rongCloud(int limit) {
        RongCloudEmulator rong = new RongCloudEmulator(RONG_APP_KEY, secret, EmulatorClock.system());
        rong.setAutoCreate(true);
        rong.limiter().setDefaultLimit(limit);
        return rong.start();
    }

    /** A port free now, for a worker's metrics; the worker binds it moments later. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            delete(home);
        }
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
