package io.groupsync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.model.SourceRecord;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.RegistryCodec;
import io.groupsync.schemas.WireDecoder;
import io.groupsync.schemas.registry.Credentials;
import io.groupsync.schemas.registry.RegistryClient;
import io.groupsync.testkit.registry.SchemaRegistryStub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Intake of registry-framed events: accepted, refused with the failure's name, or waiting for the registry. */
class EventDecoderRegistryTest {

    private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();

    private final SchemaRegistryStub registry = SchemaRegistryStub.open().start();
    private final RegistryCodec<GroupChange> codec = RegistryCodec.groupChange(
            new RegistryClient(registry.url(), Credentials.none(), null, Duration.ofSeconds(5)), 10);
    private final EventDecoder decoder = new EventDecoder(EventDecoder.DEFAULT_MAX_CLOCK_SKEW,
            new WireDecoder<>(AvroCodec.groupChange(), codec));

    @AfterEach
    void stop() {
        registry.close();
    }

    private static GroupChange event() {
        return GroupChange.newBuilder().setEventId("e1").setOccurredAt(Instant.ofEpochMilli(NOW)).setGroupId("g1")
                .setPatch(GroupProfilePatch.newBuilder().setName("n").build()).build();
    }

    private static SourceRecord record(byte[] value) {
        return new SourceRecord("in", 0, 7, NOW, "g1".getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(),
                NOW);
    }

    @Test
    void aRegistryFramedEventIsAnEditLikeASingleObjectOne() throws Exception {
        byte[] value = codec.encode(codec.writerId("in-value", true), event());
        Decoded decoded = decoder.decode(record(value));
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Accepted.class,
                a -> assertThat(a.edit().eventId()).isEqualTo("e1"));
    }

    @Test
    void anUnknownSchemaIdIsRefusedAsUndecodableWithItsFailureName() {
        byte[] value = {0, 0, 0, 0, 99, 2, 'e'};
        assertThat(decoder.decode(record(value))).isInstanceOfSatisfying(Decoded.Refused.class, r -> {
            assertThat(r.kind()).isEqualTo(DeadLetterReason.UNDECODABLE);
            assertThat(r.reason()).startsWith("UNKNOWN_SCHEMA_ID");
        });
    }

    @Test
    void anUnreachableRegistryMakesTheRecordWaitNeverARefusal() throws Exception {
        byte[] value = codec.encode(codec.writerId("in-value", true), event());
        RegistryCodec<GroupChange> cold = RegistryCodec.groupChange(
                new RegistryClient(registry.url(), Credentials.none(), null, Duration.ofSeconds(5)), 10);
        EventDecoder fresh = new EventDecoder(EventDecoder.DEFAULT_MAX_CLOCK_SKEW,
                new WireDecoder<>(AvroCodec.groupChange(), cold));
        registry.stop();
        assertThat(fresh.decode(record(value))).isInstanceOfSatisfying(Decoded.Waiting.class,
                w -> assertThat(w.reason()).contains("no answer from the registry"));
        registry.restart();
        await().atMost(Duration.ofSeconds(10)).until(() -> fresh.decode(record(value)) instanceof Decoded.Accepted);
    }
}
