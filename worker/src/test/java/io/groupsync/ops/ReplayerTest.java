package io.groupsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.config.KafkaConfig;
import io.groupsync.model.ReplayHeaders;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.kafka.SharedKafka;
import io.groupsync.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The replay loop in this JVM on the shared broker, with a clock the test owns: the rate it keeps, what it reads. */
class ReplayerTest {

    private static final int LETTERS = 20;

    private final String input = SharedKafka.uniqueTopic("replayer-in");
    private final String deadLetters = SharedKafka.uniqueTopic("replayer-dlt");
    private final String group = SharedKafka.uniqueTopic("replayer-group");
    private final ManualClock clock = new ManualClock();

    @Test
    void aReplayKeepsToItsRateAndARunAfterItReadsNothing() throws Exception {
        // The letters were read from partition 1: the replays go back there.
        SharedKafka.createTopic(input, 2);
        SharedKafka.createTopic(deadLetters, 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.producerProps())) {
            for (int i = 0; i < LETTERS; i++) {
                ConsumerRecord<byte[], byte[]> letter = Letters.letter(i, Letters.headers(input, "tencent",
                        "RETRIES_EXHAUSTED", 100 + i));
                producer.send(new ProducerRecord<>(deadLetters, null, letter.key(), letter.value(),
                        letter.headers())).get();
            }
        }

        String first = run(5);

        assertThat(clock.nanoTime()).as("20 writes at 5 a second: the last one 3.8 s after the first")
                .isBetween(Duration.ofMillis(3_800).toNanos(), Duration.ofMillis(4_000).toNanos());
        assertThat(first).contains("replayed: 20 (" + input + " for tencent 20)");
        List<ConsumerRecord<byte[], byte[]>> replays = KafkaClients.readToEnd(SharedKafka.consumerProps(
                SharedKafka.uniqueTopic("replayer-reader")), input);
        assertThat(replays).hasSize(LETTERS).extracting(r -> new String(r.headers().lastHeader(
                ReplayHeaders.ORIGINAL_OFFSET).value(), StandardCharsets.UTF_8)).startsWith("100", "101");

        long before = clock.nanoTime();
        String second = run(5);

        assertThat(second).contains("0 read", "replayed: 0");
        assertThat(clock.nanoTime()).as("nothing to wait for").isEqualTo(before);
    }

    @Test
    void aLetterWhoseOriginalPartitionTheTopicLacksIsSkippedAndNothingIsWritten() throws Exception {
        SharedKafka.createTopic(input, 1);
        SharedKafka.createTopic(deadLetters, 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.producerProps())) {
            ConsumerRecord<byte[], byte[]> letter = Letters.letter(0, Letters.headers(input, "tencent",
                    "RETRIES_EXHAUSTED", 100));
            producer.send(new ProducerRecord<>(deadLetters, null, letter.key(), letter.value(), letter.headers()))
                    .get();
        }

        String report = run(5);

        assertThat(report).contains("replayed: 0", "original partition 1 is not in " + input + ", which has 1");
        assertThat(KafkaClients.readToEnd(SharedKafka.consumerProps(SharedKafka.uniqueTopic("replayer-reader")),
                input)).isEmpty();
    }

    private String run(double perSecond) throws InterruptedException {
        KafkaConfig kafka = new KafkaConfig(SharedKafka.bootstrapServers(), "g", "i", Map.of(), Map.of());
        ReplayPlan plan = new ReplayPlan(Selection.all(), null, false, 3, false, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new Replayer(kafka, plan, new Replayer.Options(deadLetters, deadLetters + ".parked", group, true,
                perSecond, 100), clock, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
