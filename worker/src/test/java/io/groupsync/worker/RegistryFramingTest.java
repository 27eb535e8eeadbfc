package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.config.RegistryConfig;
import io.groupsync.dispatch.TokenSources;
import io.groupsync.dispatch.DispatchMetrics;
import io.groupsync.event.GroupChange;
import io.groupsync.event.SyncResult;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.imapi.tencent.TencentClient;
import io.groupsync.record.DeadLetterHeaders;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.WireFormat;
import io.groupsync.schemas.kafka.GroupChangeSerializer;
import io.groupsync.schemas.kafka.SyncResultDeserializer;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.tencent.GroupType;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import io.groupsync.testkit.registry.SchemaRegistryStub;
import io.groupsync.testkit.workload.Convergence;
import io.groupsync.testkit.workload.EditStream;
import io.groupsync.testkit.workload.GroupFold;
import io.groupsync.time.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Schema Registry wire format end to end, on the real broker, the Tencent emulator and the registry stub: events
 * framed as other languages' serializers frame them, results read back by Avro's own reader with the schema the
 * registry gives for the id, and a registry that goes away and comes back.
 */
class RegistryFramingTest {

    private static final long APP = 1_400_000_043L;
    private static final String ADMIN = "administrator";
    private static final String SECRET = "test-secret-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The released file an upstream service in another language builds its Avro from. */
    private static final Path GROUP_CHANGE_V1 = Path.of("..", "schemas", "src", "main", "avro", "GroupChange", "v1.avsc");

    private final HttpClient web = HttpClient.newHttpClient();
    private final Map<Integer, Schema> foreignSchemas = new ConcurrentHashMap<>();
    private SchemaRegistryStub registry;
    private TencentEmulator tencent;
    private OkHttpClient http;
    private PipelineHarness harness;

    @BeforeEach
    void start() {
        registry = SchemaRegistryStub.open().start();
        tencent = new TencentEmulator(APP, ADMIN, SECRET, EmulatorClock.system());
        tencent.setAutoCreate(true, GroupType.PUBLIC);
        tencent.start();
        http = VendorHttp.client(Duration.ofSeconds(2), Duration.ofSeconds(2), 64);
        harness = new PipelineHarness(4);
    }

    @AfterEach
    void stop() throws InterruptedException {
        harness.close();
        VendorHttp.close(http);
        tencent.close();
        registry.close();
    }

    @Test
    void eventsInBothFramingsApplyAndResultsInTheRegistryFramingReadWithAvrosOwnReader() throws Exception {
        List<GroupChange> edits = new EditStream(21, 30, "reg").next(300);
        int upstreamId = registerAsUpstream(harness.input + "-value", Files.readString(GROUP_CHANGE_V1));
        GroupChangeSerializer serializer = new GroupChangeSerializer();
        serializer.configure(Map.of("schema.registry.url", registry.url().toString()), false);
        for (int i = 0; i < edits.size(); i++) {
            GroupChange edit = edits.get(i);
            byte[] value = switch (i % 3) {
                case 0 -> AvroCodec.groupChange().encode(edit);
                case 1 -> serializer.serialize(harness.input, edit);
                default -> framed(upstreamId, edit);
            };
            harness.publishRaw(key(edit), value);
        }
        int otherRecord = registerAsUpstream("other-value",
                "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        byte[] pillKey = "reg-pill".getBytes(StandardCharsets.UTF_8);
        byte[] unknownId = withHeader(9_999, framedBody(edits.get(0)));
        byte[] incompatible = withHeader(otherRecord, new byte[] {2, 'x'});
        // An eventId that asks for a 1 GB string: refused before Avro would allocate it.
        byte[] hostile = withHeader(upstreamId, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
        harness.publishRaw(pillKey, unknownId);
        harness.publishRaw(pillKey, incompatible);
        harness.publishRaw(pillKey, hostile);

        List<GenericRecord> foreign = new CopyOnWriteArrayList<>();
        SyncResultDeserializer ours = new SyncResultDeserializer();
        ours.configure(Map.of("schema.registry.url", registry.url().toString()), false);
        harness.decodeResultsWith(value -> {
            foreign.add(foreignRead(value));
            return ours.deserialize(harness.results, value);
        });
        harness.start(List.of(route()), PipelineHarness.settings(), PipelineHarness.dispatch(10),
                RegistryConfig.at(registry.url(), WireFormat.REGISTRY, WireFormat.REGISTRY), "w1",
                TokenSources.local(Clock.system()), PipelineListener.NONE, DispatchMetrics.NONE);

        harness.awaitOutputs(Duration.ofMinutes(2),
                () -> harness.results().size() >= edits.size() && harness.deadLetters().size() >= 3);
        harness.stopWorker();

        assertExactlyOneResultPerEvent(edits, harness.results());
        assertThat(foreign).extracting(r -> r.get("eventId").toString() + "/" + r.get("status"))
                .as("what Avro's own reader makes of each result, with the schema fetched by its id")
                .containsExactlyElementsOf(harness.results().stream()
                        .map(r -> r.getEventId() + "/" + r.getStatus()).toList());
        assertThat(registry.subjects()).contains(harness.results + "-value",
                harness.deadLetters + "-io.groupsync.event.DeadLetter");
        List<ConsumerRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).extracting(ConsumerRecord::value).containsExactly(unknownId, incompatible, hostile);
        assertThat(dead).extracting(r -> PipelineHarness.header(r, DeadLetterHeaders.EXCEPTION_MESSAGE))
                .satisfiesExactly(m -> assertThat(m).startsWith("UNKNOWN_SCHEMA_ID"),
                        m -> assertThat(m).startsWith("INCOMPATIBLE_SCHEMA").contains("Other"),
                        m -> assertThat(m).startsWith("TRUNCATED_BODY"));
        byte[] detail = dead.get(0).headers().lastHeader(DeadLetterHeaders.DETAIL).value();
        assertThat(foreignRead(detail).get("reason").toString()).isEqualTo("UNDECODABLE");
        assertThat(Convergence.tencent(fold(edits), tencent)).isEmpty();
    }

    @Test
    void aRegistryAwayAtStartAndThenMidStreamDelaysTheWorkAndLosesNothing() throws Exception {
        EditStream stream = new EditStream(22, 20, "away");
        List<GroupChange> first = stream.next(100);
        List<GroupChange> second = stream.next(100);
        int v1 = registerAsUpstream(harness.input + "-value", Files.readString(GROUP_CHANGE_V1));
        // The same fields under a new doc: a new id, which the worker has not cached when the registry goes away.
        String redocumented = GroupChange.getClassSchema().toString().replaceFirst("\"doc\":\"[^\"]*\"",
                "\"doc\":\"GroupChange, as the upstream team documents it\"");
        int v1b = registerAsUpstream(harness.input + "-value", redocumented);
        assertThat(v1b).isNotEqualTo(v1);
        first.forEach(e -> harness.publishRaw(key(e), framed(v1, e)));
        registry.stop();

        Events events = new Events();
        SyncResultDeserializer results = new SyncResultDeserializer();
        results.configure(Map.of("schema.registry.url", registry.url().toString()), false);
        harness.decodeResultsWith(value -> results.deserialize(harness.results, value));
        harness.start(List.of(route()), PipelineHarness.settings(), PipelineHarness.dispatch(10),
                RegistryConfig.at(registry.url(), WireFormat.REGISTRY, WireFormat.SINGLE_OBJECT)
                        .withRetryBackoff(Duration.ofMillis(100)), "w1", TokenSources.local(Clock.system()), events,
                DispatchMetrics.NONE);

        await().atMost(Duration.ofSeconds(30)).until(() -> events.available.contains(false) && events.rounds.get() > 5);
        assertThat(events.consumed.get()).as("nothing read while the output schemas have no id").isZero();

        registry.restart();
        harness.awaitOutputs(Duration.ofMinutes(1), () -> harness.results().size() >= first.size());
        registry.stop();
        second.forEach(e -> harness.publishRaw(key(e), withHeader(v1b, framedBody(e))));

        await().atMost(Duration.ofSeconds(30)).until(() -> events.available.equals(List.of(false, true, false)));
        int roundsThen = events.rounds.get();
        harness.awaitOutputs(Duration.ofSeconds(30), () -> events.rounds.get() > roundsThen + 20);
        assertThat(harness.results()).as("the second batch waits").hasSize(first.size());

        registry.restart();
        harness.awaitOutputs(Duration.ofMinutes(1), () -> harness.results().size() >= first.size() + second.size());
        harness.stopWorker();

        List<GroupChange> all = new ArrayList<>(first);
        all.addAll(second);
        assertExactlyOneResultPerEvent(all, harness.results());
        assertThat(harness.deadLetters()).as("an outage is never a dead letter").isEmpty();
        assertThat(events.available).containsExactly(false, true, false, true);
        assertThat(Convergence.tencent(fold(all), tencent)).isEmpty();
    }

    /** What the pipeline says of the registry and its rounds. */
    private static final class Events implements PipelineListener {
        final List<Boolean> available = new CopyOnWriteArrayList<>();
        final AtomicInteger consumed = new AtomicInteger();
        final AtomicInteger rounds = new AtomicInteger();

        @Override
        public void registryAvailable(boolean isAvailable) {
            available.add(isAvailable);
        }

        @Override
        public void consumed() {
            consumed.incrementAndGet();
        }

        @Override
        public void looped(int pendingKeys, int pendingRecords, long pendingBytes) {
            rounds.incrementAndGet();
        }
    }

    /** Registers as another language's serializer does on its first send: a plain POST of the schema text. */
    private int registerAsUpstream(String subject, String schema) throws Exception {
        HttpResponse<String> answer = web.send(HttpRequest.newBuilder(
                        URI.create(registry.url() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("id").asInt();
    }

    /** Avro's own reader after the 5-byte header, with the writer schema the registry gives for the id. */
    private GenericRecord foreignRead(byte[] value) throws Exception {
        assertThat(value[0]).as("magic byte").isZero();
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        Schema writer = foreignSchemas.get(id);
        if (writer == null) {
            HttpResponse<String> answer = web.send(HttpRequest.newBuilder(URI.create(registry.url() + "/schemas/ids/"
                    + id)).build(), HttpResponse.BodyHandlers.ofString());
            writer = new Schema.Parser().parse(JSON.readTree(answer.body()).path("schema").asText());
            foreignSchemas.put(id, writer);
        }
        return new GenericDatumReader<GenericRecord>(writer).read(null,
                DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
    }

    private static byte[] framed(int id, GroupChange change) {
        return withHeader(id, framedBody(change));
    }

    /** The Avro binary body alone, as any language's Avro library writes it. */
    private static byte[] framedBody(GroupChange change) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<GroupChange>(GroupChange.getClassSchema()).write(change, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] withHeader(int id, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
    }

    private static byte[] key(GroupChange change) {
        return change.getGroupId().getBytes(StandardCharsets.UTF_8);
    }

    private RouteSpec route() {
        TencentClient client = new TencentClient(http, tencent.baseUri(), APP, ADMIN, SECRET, Duration.ofHours(1),
                Clock.system(), new Random());
        return new RouteSpec("tencent", client, Map.of(TencentEmulator.MODIFY_GROUP_BASE_INFO, 200,
                TencentEmulator.MODIFY_GROUP_MEMBER_INFO, 200, TencentEmulator.FORBID_SEND_MSG, 200));
    }

    private static GroupFold fold(List<GroupChange> edits) {
        GroupFold fold = new GroupFold();
        edits.forEach(fold::apply);
        return fold;
    }

    private static void assertExactlyOneResultPerEvent(List<GroupChange> edits, List<SyncResult> results) {
        Map<String, Long> perEvent = results.stream()
                .collect(Collectors.groupingBy(SyncResult::getEventId, Collectors.counting()));
        assertThat(perEvent.values()).containsOnly(1L);
        assertThat(perEvent.keySet()).containsExactlyInAnyOrderElementsOf(
                edits.stream().map(GroupChange::getEventId).toList());
    }
}
