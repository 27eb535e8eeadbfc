package io.groupsync.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.schemas.registry.Credentials;
import io.groupsync.schemas.registry.RegistryClient;
import io.groupsync.schemas.registry.RegistryException;
import io.groupsync.testkit.registry.SchemaRegistryStub;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry framing against the registry stub: resolution, refusals, hostile bodies, outages and auth. */
class RegistryCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GroupChange EVENT = GroupChange.newBuilder().setEventId("e1")
            .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setGroupId("g1")
            .setPatch(GroupProfilePatch.newBuilder().setName("Weekend rides").build()).build();

    private final SchemaRegistryStub registry = SchemaRegistryStub.open().start();
    private final RegistryCodec<GroupChange> codec = RegistryCodec.groupChange(client(Credentials.none()), 10);

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryClient client(Credentials credentials) {
        return new RegistryClient(registry.url(), credentials, null, Duration.ofSeconds(5));
    }

    @Test
    void anEventEncodedUnderItsRegisteredIdDecodesAndItsSchemaIsFetchedOnce() throws Exception {
        int id = codec.writerId("changes-value", true);
        byte[] framed = codec.encode(id, EVENT);
        assertThat(framed[0]).isZero();
        assertThat(ByteBuffer.wrap(framed, 1, 4).getInt()).isEqualTo(id);
        assertThat(codec.decode(framed)).isEqualTo(EVENT);
        int asked = registry.requests();
        assertThat(codec.decode(framed)).isEqualTo(EVENT);
        assertThat(registry.requests()).as("the writer schema is cached by id").isEqualTo(asked);
        assertThat(registry.subjects()).containsExactly("changes-value");
    }

    @Test
    void aWriterWithAnExtraFieldThatHasADefaultIsResolvedToTheCurrentClass() throws Exception {
        ObjectNode schema = (ObjectNode) JSON.readTree(GroupChange.getClassSchema().toString());
        ((ArrayNode) schema.get("fields")).addObject().put("name", "origin").put("type", "string").put("default", "");
        int id = registry.register("changes-value", schema.toString());
        byte[] body = body(EVENT);
        byte[] withOrigin = ByteBuffer.allocate(body.length + 4).put(body).put(new byte[] {6, 'a', 'p', 'p'}).array();
        assertThat(codec.decode(framed(id, withOrigin))).isEqualTo(EVENT);
    }

    @Test
    void aWriterMissingARequiredFieldOrOfAnotherRecordIsAnIncompatibleSchema() throws Exception {
        ObjectNode schema = (ObjectNode) JSON.readTree(GroupChange.getClassSchema().toString());
        ArrayNode fields = (ArrayNode) schema.get("fields");
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).path("name").asText().equals("groupId")) {
                fields.remove(i);
            }
        }
        int withoutGroup = registry.register("changes-value", schema.toString());
        assertThatThrownBy(() -> codec.decode(framed(withoutGroup, new byte[] {2, 'e'})))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(DecodeFailure.INCOMPATIBLE_SCHEMA);
                    assertThat(e.getMessage()).contains("groupId");
                });
        int other = registry.register("other-value",
                "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        assertThatThrownBy(() -> codec.decode(framed(other, new byte[] {2, 'x'})))
                .isInstanceOfSatisfying(DecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.INCOMPATIBLE_SCHEMA));
    }

    @Test
    void anIdTheRegistryDoesNotHaveIsAnUnknownSchemaId() {
        assertThatThrownBy(() -> codec.decode(framed(4242, new byte[] {2, 'e'})))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_ID);
                    assertThat(e.getMessage()).contains("4242").contains("40403");
                });
    }

    @Test
    void randomAndHostileBodiesFailOnlyWithADecodeException() throws Exception {
        int id = codec.writerId("changes-value", true);
        Random random = new Random(7);
        byte[] good = body(EVENT);
        for (int i = 0; i < 3_000; i++) {
            byte[] body = i % 2 == 0 ? new byte[random.nextInt(40)] : good.clone();
            if (i % 2 == 0) {
                random.nextBytes(body);
            } else {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
            try {
                codec.decode(framed(id, body));
            } catch (DecodeException expected) {
                assertThat(expected.failure()).isIn(DecodeFailure.TRUNCATED_BODY, DecodeFailure.MALFORMED_BODY);
            }
        }
        byte[] hugeString = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
        assertThatThrownBy(() -> codec.decode(framed(id, hugeString)))
                .isInstanceOfSatisfying(DecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.TRUNCATED_BODY));
        assertThatThrownBy(() -> codec.decode(new byte[] {0, 0, 1}))
                .isInstanceOfSatisfying(DecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.BAD_FRAMING));
    }

    @Test
    void anUnreachableRegistryIsUnavailableNotABadMessageAndTheSameMessageDecodesOnceItIsBack() throws Exception {
        int id = codec.writerId("changes-value", true);
        byte[] framed = codec.encode(id, EVENT);
        RegistryCodec<GroupChange> fresh = RegistryCodec.groupChange(client(Credentials.none()), 10);
        registry.stop();
        RegistryException first = catchThrowableOfType(RegistryException.class, () -> fresh.decode(framed));
        assertThat(first.unavailable()).isTrue();
        assertThat(catchThrowableOfType(RegistryException.class, () -> fresh.decode(framed)))
                .as("not asked again at once").isSameAs(first);
        assertThatThrownBy(() -> fresh.writerId("changes-value", true)).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.unavailable()).isTrue());
        registry.restart();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(RegistryException.class)
                .until(() -> EVENT.equals(fresh.decode(framed)));
    }

    @Test
    void aNotFoundThatIsNotTheRegistrysOwnIsAnOutageNotAnUnknownSchema() throws Exception {
        int id = codec.writerId("changes-value", true);
        RegistryClient wrongPath = new RegistryClient(URI.create(registry.url() + "/nowhere"), Credentials.none(),
                null, Duration.ofSeconds(5));

        assertThatThrownBy(() -> RegistryCodec.groupChange(wrongPath, 10).decode(codec.encode(id, EVENT)))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.unavailable()).as("nothing is known of the schema").isTrue();
                });
    }

    @Test
    void withAutoRegisterOffAnUnregisteredSchemaIsRefusedAndAnIncompatibleOneIsA409() throws Exception {
        assertThatThrownBy(() -> codec.writerId("changes-value", false))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.errorCode()).isEqualTo(40401);
                });
        registry.register("taken-value",
                "{\"type\":\"record\",\"name\":\"GroupChange\",\"namespace\":\"io.groupsync.event\",\"fields\":"
                        + "[{\"name\":\"onlyThis\",\"type\":\"string\"}]}");
        assertThatThrownBy(() -> codec.writerId("taken-value", true)).isInstanceOfSatisfying(RegistryException.class,
                e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.status()).isEqualTo(409);
                });
        int id = codec.writerId("changes-value", true);
        assertThat(codec.writerId("changes-value", false)).isEqualTo(id);
    }

    @Test
    void credentialsAreSentAndWrongOnesCountAsUnavailableWithoutBeingShown() throws Exception {
        try (SchemaRegistryStub guarded = SchemaRegistryStub.withBasicAuth("svc", "s3cret-Lk4").start()) {
            int id = guarded.register("changes-value", GroupChange.getClassSchema().toString());
            RegistryClient right = new RegistryClient(guarded.url(), Credentials.basic("svc", "s3cret-Lk4"), null,
                    Duration.ofSeconds(5));
            assertThat(RegistryCodec.groupChange(right, 10).decode(framed(id, body(EVENT)))).isEqualTo(EVENT);
            RegistryClient wrong = new RegistryClient(guarded.url(), Credentials.basic("svc", "nope"), null,
                    Duration.ofSeconds(5));
            assertThatThrownBy(() -> RegistryCodec.groupChange(wrong, 10).decode(framed(id, body(EVENT))))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.unavailable()).isTrue();
                        assertThat(e.status()).isEqualTo(401);
                    });
            assertThat(right.toString()).doesNotContain("s3cret-Lk4");
        }
        try (SchemaRegistryStub guarded = SchemaRegistryStub.withBearerToken("tok-Jm2").start()) {
            int id = guarded.register("changes-value", GroupChange.getClassSchema().toString());
            RegistryClient bearer = new RegistryClient(guarded.url(), Credentials.bearer("tok-Jm2"), null,
                    Duration.ofSeconds(5));
            assertThat(RegistryCodec.groupChange(bearer, 10).decode(framed(id, body(EVENT)))).isEqualTo(EVENT);
            assertThat(Credentials.bearer("tok-Jm2").toString()).doesNotContain("tok-Jm2");
        }
    }

    @Test
    void theWireDecoderTellsTheFramingsApartByTheirFirstByte() throws Exception {
        int id = codec.writerId("changes-value", true);
        WireDecoder<GroupChange> both = new WireDecoder<>(AvroCodec.groupChange(), codec);
        assertThat(both.decode(AvroCodec.groupChange().encode(EVENT))).isEqualTo(EVENT);
        assertThat(both.decode(codec.encode(id, EVENT))).isEqualTo(EVENT);
        WireDecoder<GroupChange> singleOnly = new WireDecoder<>(AvroCodec.groupChange(), null);
        assertThatThrownBy(() -> singleOnly.decode(codec.encode(id, EVENT)))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(DecodeFailure.BAD_FRAMING);
                    assertThat(e.getMessage()).contains("no schema registry is configured");
                });
    }

    private static byte[] body(GroupChange change) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<GroupChange>(GroupChange.getClassSchema()).write(change, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] framed(int id, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
    }
}
