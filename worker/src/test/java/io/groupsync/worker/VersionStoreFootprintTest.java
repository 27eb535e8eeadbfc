package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.Field;
import io.groupsync.model.PendingKey;
import io.groupsync.model.Target;
import io.groupsync.model.Version;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.time.Clock;
import io.groupsync.versions.AppliedVersions;
import io.groupsync.versions.VersionKeys;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * What the version store costs with 100,000 groups, each renamed once on three routes (300,000 versions): heap
 * bytes per version kept, disk bytes per version on the versions topic, and how long a restore of all of it takes.
 * Printed as a figure, not timed against a limit; the bounds asserted are loose, to catch a store grown tenfold.
 */
class VersionStoreFootprintTest {

    private static final int GROUPS = 100_000;
    private static final List<String> ROUTES = List.of("tencent", "openim", "rongcloud");
    private static final int PARTITIONS = 4;

    @Test
    void aHundredThousandGroupsOnThreeRoutesFitInTensOfMegabytesOfHeapAndDisk() throws Exception {
        long before = usedHeapAfterGc();
        AppliedVersions versions = new AppliedVersions(Duration.ofDays(7), Clock.system());
        IntStream.range(0, GROUPS).forEach(g -> ROUTES.forEach(route -> versions.applied(g % PARTITIONS,
                VersionKeys.of(new PendingKey(route, group(g), Target.group()), Field.NAME),
                new Version(1_700_000_000_000L + g, g % PARTITIONS, g))));
        long heap = usedHeapAfterGc() - before;
        int entries = versions.size();

        String topic = SharedKafka.uniqueTopic("versions-footprint");
        SharedKafka.createTopic(topic, PARTITIONS);
        long keyBytes = 0;
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.producerProps())) {
            for (int g = 0; g < GROUPS; g++) {
                for (String route : ROUTES) {
                    byte[] key = VersionKeys.bytes(VersionKeys.of(new PendingKey(route, group(g), Target.group()),
                            Field.NAME));
                    keyBytes += key.length;
                    producer.send(new ProducerRecord<>(topic, g % PARTITIONS, key, VersionKeys.value(
                            new AppliedVersions.Entry(new Version(1_700_000_000_000L + g, g % PARTITIONS, g), 0))),
                            (metadata, e) -> {
                                if (e != null) {
                                    sendFailure.compareAndSet(null, e);
                                }
                            });
                }
            }
        }
        // A batch the producer gave up on would show below as versions missing from the restore: say so here.
        assertThat(sendFailure.get()).as("a write to the versions topic failed").isNull();
        long disk = topicBytes(topic);

        AppliedVersions restored = new AppliedVersions(Duration.ofDays(365_000), Clock.system());
        Properties props = new Properties();
        props.putAll(SharedKafka.consumerProps("unused"));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        VersionRestore restore = new VersionRestore(new KafkaConsumer<>(props), topic, restored, () -> { });
        long started = System.nanoTime();
        restore.restore(IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition("in", p)).toList());
        long restoreMillis = (System.nanoTime() - started) / 1_000_000;
        restore.close();

        System.out.printf("version store, %,d groups x %d routes = %,d versions: heap %,d bytes (%d B a version), "
                        + "topic %,d bytes before compaction (%d B a version, keys %d B on average), restore of all "
                        + "%d partitions %,d ms%n", GROUPS, ROUTES.size(), entries, heap, heap / entries, disk,
                disk / entries, keyBytes / entries, PARTITIONS, restoreMillis);
        assertThat(entries).isEqualTo(GROUPS * ROUTES.size());
        assertThat(restored.size()).isEqualTo(entries);
        assertThat(heap / entries).isLessThan(400);
        assertThat(disk / entries).isLessThan(200);
        assertThat(versions.get(1, VersionKeys.of(new PendingKey("openim", group(1), Target.group()), Field.NAME)))
                .as("kept alive until measured").isNotNull();
    }

    private static String group(int g) {
        return String.format("group-%06d", g);
    }

    /** System.gc() is a full collection that returns when done (G1's default), repeated for what finalizers freed. */
    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long topicBytes(String topic) throws Exception {
        Map<String, Object> props = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            int broker = admin.describeCluster().nodes().get().iterator().next().id();
            Map<String, LogDirDescription> dirs = admin.describeLogDirs(List.of(broker)).allDescriptions().get()
                    .get(broker);
            return dirs.values().stream().flatMap(d -> d.replicaInfos().entrySet().stream())
                    .filter(e -> e.getKey().topic().equals(topic)).mapToLong(e -> e.getValue().size()).sum();
        }
    }
}
