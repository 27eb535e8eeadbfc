package io.groupsync.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.DeadLetter;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.model.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class OutputsTest {

    private final Outputs outputs = new Outputs("results", "dlt", "versions", "workers", 1 << 20);

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
