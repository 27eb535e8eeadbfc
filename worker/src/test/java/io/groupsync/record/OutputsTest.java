package io.groupsync.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.event.DeadLetter;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.model.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class OutputsTest {

    private final Outputs outputs = new Outputs("results", "dlt", "versions", "workers", 1 << 20,
            NoRereads.ORIGINALS, OutputFormats.SINGLE_OBJECT);

    @Test
    void deadLetterHeadersTheInputBroughtAreMovedAsideSoEachOfOursIsThereOnceAndTrue() {
        SourceRecord forged = source(List.of(
                header("trace-id", "t-1"),
                header(DeadLetterHeaders.REASON, "APPLIED"),
                header(DeadLetterHeaders.ROUTE, "openim"),
                header(DeadLetterHeaders.ORIGINAL_TOPIC, "payments"),
                new RecordHeader(DeadLetterHeaders.ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(99).array())));

        ProducerRecord<byte[], byte[]> letter = outputs.deadLetter(forged, detail("tencent"), "E");

        for (String ours : List.of(DeadLetterHeaders.REASON, DeadLetterHeaders.ROUTE, DeadLetterHeaders.ORIGINAL_TOPIC,
                DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.EXCEPTION_MESSAGE)) {
            assertThat(letter.headers().headers(ours)).as(ours).hasSize(1);
        }
        assertThat(text(letter, DeadLetterHeaders.REASON)).isEqualTo("REJECTED");
        assertThat(text(letter, DeadLetterHeaders.ROUTE)).isEqualTo("tencent");
        assertThat(text(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("in");
        assertThat(ByteBuffer.wrap(letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET).value()).getLong())
                .isEqualTo(7);
        assertThat(names(letter)).as("the input's own, in their order, then ours").startsWith("trace-id",
                "groupsync_orig-groupsync_dlt-reason", "groupsync_orig-groupsync_dlt-route",
                "groupsync_orig-kafka_dlt-original-topic", "groupsync_orig-kafka_dlt-original-offset",
                DeadLetterHeaders.ORIGINAL_TOPIC);
        assertThat(text(letter, "groupsync_orig-groupsync_dlt-reason")).isEqualTo("APPLIED");
        assertThat(text(letter, "groupsync_orig-kafka_dlt-original-topic")).isEqualTo("payments");
        assertThat(text(letter, "trace-id")).isEqualTo("t-1");
    }

    @Test
    void aHeaderThatOnlyLooksLikeOursIsTheInputsOwnAndStaysAsItIs() {
        SourceRecord source = source(List.of(header("kafka_dlt", "x"), header("my-groupsync_dlt-reason", "y"),
                header("Kafka_DLT-original-topic", "z")));

        ProducerRecord<byte[], byte[]> letter = outputs.deadLetter(source, detail(null), "E");

        assertThat(names(letter)).startsWith("kafka_dlt", "my-groupsync_dlt-reason", "Kafka_DLT-original-topic",
                DeadLetterHeaders.ORIGINAL_TOPIC);
    }

    @Test
    void aValueLetGoAtIntakeIsReadBackWholeForItsDeadLetter() {
        byte[] value = new byte[9_000];
        Arrays.fill(value, (byte) 'v');
        SourceRecord released = new SourceRecord("in", 3, 7, 0, new byte[] {'g'}, value, new RecordHeaders(), 0)
                .withoutValue();
        List<String> asked = new ArrayList<>();
        Outputs rereading = new Outputs("results", "dlt", "versions", "workers", 1 << 20, source -> {
            asked.add(source.topic() + "-" + source.partition() + "@" + source.offset());
            return value.clone();
        }, OutputFormats.SINGLE_OBJECT);

        OutputRecord letter = rereading.deadLetterRecord(released, detail("tencent"), "E");

        assertThat(asked).as("read back when sent, not when decided").isEmpty();
        ProducerRecord<byte[], byte[]> sent = letter.build();
        assertThat(asked).containsExactly("in-3@7");
        assertThat(sent.value()).isEqualTo(value);
        assertThat(sent.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OMITTED)).isNull();
    }

    @Test
    void aValueTheInputTopicNoLongerHasIsNamedAsLeftOutOfItsDeadLetter() {
        SourceRecord released = new SourceRecord("in", 3, 7, 0, new byte[] {'g'}, new byte[5_000],
                new RecordHeaders(), 0).withoutValue();
        Outputs rereading = new Outputs("results", "dlt", "versions", "workers", 1 << 20, source -> null,
                OutputFormats.SINGLE_OBJECT);

        ProducerRecord<byte[], byte[]> letter = rereading.deadLetterRecord(released, detail("tencent"), "E").build();

        assertThat(letter.value()).isNull();
        assertThat(letter.key()).containsExactly('g');
        assertThat(text(letter, DeadLetterHeaders.ORIGINAL_OMITTED)).isEqualTo("value (5000 bytes)");
        assertThat(text(letter, DeadLetterHeaders.EXCEPTION_MESSAGE))
                .endsWith("left out of this dead letter: the original value (5000 bytes), as the input topic no "
                        + "longer has its offset");
    }

    @Test
    void aValueThatCannotBeReadBackNowFailsTheSendSoTheTransactionIsRedone() {
        SourceRecord released = new SourceRecord("in", 3, 7, 0, new byte[] {'g'}, new byte[5_000],
                new RecordHeaders(), 0).withoutValue();
        Outputs rereading = new Outputs("results", "dlt", "versions", "workers", 1 << 20, source -> {
            throw new TimeoutException("broker away");
        }, OutputFormats.SINGLE_OBJECT);

        OutputRecord letter = rereading.deadLetterRecord(released, detail("tencent"), "E");

        assertThatThrownBy(letter::build).isInstanceOf(KafkaException.class);
    }

    private static SourceRecord source(List<Header> headers) {
        return new SourceRecord("in", 3, 7, 0, "g".getBytes(StandardCharsets.UTF_8), new byte[] {1},
                new RecordHeaders(headers.toArray(Header[]::new)), 0);
    }

    private static DeadLetter detail(String route) {
        return DeadLetter.newBuilder().setReason(DeadLetterReason.REJECTED).setMessage("name too long")
                .setRoute(route).setAttempts(0).setFailedAt(Instant.EPOCH).build();
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> names(ProducerRecord<byte[], byte[]> record) {
        return StreamSupport.stream(record.headers().spliterator(), false).map(Header::key).toList();
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }
}
