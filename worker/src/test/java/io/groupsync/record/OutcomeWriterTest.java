package io.groupsync.record;

import io.groupsync.event.FieldStatus;
import io.groupsync.model.Version;
import io.groupsync.versions.VersionKeys;
import java.time.Duration;
import io.groupsync.model.FieldFate;
import io.groupsync.model.FieldFates;
import io.groupsync.model.SentPatch;
import io.groupsync.versions.AppliedVersions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.groupsync.dispatch.DispatchInfo;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.event.Vendor;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.Field;
import io.groupsync.model.PendingKey;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.time.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class OutcomeWriterTest {

    /** One output as the writer handed it on. */
    private record Written(long offset, ProducerRecord<byte[], byte[]> record, boolean outcome) {
    }

    private static final PendingKey KEY = new PendingKey("a", "g", Target.member("u1"));
    private final List<Written> written = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private final OutcomeWriter writer = new OutcomeWriter(new Outputs("results", "dlt", "versions", "group", 1 << 20,
            NoRereads.ORIGINALS, OutputFormats.SINGLE_OBJECT),
            new AppliedVersions(Duration.ofDays(1), new ManualClock()), Map.of("a", Vendor.TENCENT), new ManualClock(),
            (source, output, outcome) -> written.add(new Written(source.offset(), output.build(), outcome)),
            new OutcomeListener() {
                @Override
                public void result(String route, SyncStatus status) {
                    told.add(route + " " + status);
                }

                @Override
                public void deadLetter(String route, DeadLetterReason reason) {
                    told.add(route + " dead letter " + reason);
                }
            });

    @Test
    void anAppliedDispatchReportsEachEventStalePartlyAppliedOrApplied() throws Exception {
        CoveredEvent replaced = event(0, Map.of());
        CoveredEvent skipping = event(1, Map.of(Field.FACE_URL, "the vendor has no such field"));
        CoveredEvent whole = event(2, Map.of());

        writer.applied(KEY, List.of(replaced, skipping, whole), replacedWhole(replaced, whole),
                info(CallResult.ok(0, 200)));

        assertThat(written).extracting(Written::offset).containsExactly(0L, 1L, 2L);
        assertThat(written).allSatisfy(w -> assertThat(w.outcome()).isTrue());
        assertThat(results()).extracting(SyncResult::getStatus)
                .containsExactly(SyncStatus.STALE, SyncStatus.PARTLY_APPLIED, SyncStatus.APPLIED);
        assertThat(results()).allSatisfy(r -> {
            assertThat(r.getVendor()).isEqualTo(Vendor.TENCENT);
            assertThat(r.getMemberId()).isEqualTo("u1");
            assertThat(r.getDispatchId()).isEqualTo("d1");
        });
    }

    @Test
    void theVersionsAppliedGoToTheInputsPartitionNumberBeforeTheResultsOfTheEventsWhoseValuesTheyAre()
            throws Exception {
        CoveredEvent replaced = event(3, Map.of());
        CoveredEvent winner = new CoveredEvent("e4", 0, new SourceRecord("in", 2, 4, 0, null, null,
                new RecordHeaders(), 0), Set.of(Field.NAME, Field.CUSTOM_DATA), Map.of());
        SentPatch sent = new SentPatch(Map.of(Field.NAME, winner), Map.of("k", winner),
                replacedWhole(replaced, winner).fates());

        writer.applied(KEY, List.of(replaced, winner), sent, info(CallResult.ok(0, 200)));

        assertThat(written).extracting(w -> w.record().topic(), w -> w.record().partition(), Written::offset,
                Written::outcome).containsExactlyInAnyOrder(
                        tuple("versions", 2, 4L, false), tuple("versions", 2, 4L, false),
                        tuple("results", null, 3L, true), tuple("results", null, 4L, true));
        assertThat(written.get(0).record().topic()).isEqualTo("versions");
        assertThat(written).filteredOn(w -> w.record().topic().equals("versions"))
                .extracting(w -> VersionKeys.entry(w.record().value()).version())
                .containsOnly(winner.version());
        SyncResult stale = results().get(0);
        assertThat(stale.getAppliedFields()).as("its value never reached the vendor").isEmpty();
        assertThat(stale.getFieldOutcomes()).singleElement().satisfies(f -> {
            assertThat(f.getStatus()).isEqualTo(FieldStatus.REPLACED);
            assertThat(f.getByEventId()).isEqualTo("e4");
            assertThat(f.getByVersion().getOffset()).isEqualTo(4L);
        });
        assertThat(results().get(1).getAppliedFields()).containsExactly("customData", "name");
    }

    @Test
    void anEventAllOfWhoseValuesWereStaleOnArrivalIsStaleWithTheVersionThatWonAndNoCall() throws Exception {
        CoveredEvent late = event(5, Map.of());
        FieldFates fates = new FieldFates();
        fates.put(late, Field.NAME, FieldFate.stale(null, new Version(0, 0, 9)));

        writer.stale(KEY, late, fates);

        SyncResult result = results().get(0);
        assertThat(result.getStatus()).isEqualTo(SyncStatus.STALE);
        assertThat(result.getAttempts()).isZero();
        assertThat(result.getAppliedFields()).isEmpty();
        assertThat(result.getFieldOutcomes()).singleElement().satisfies(f -> {
            assertThat(f.getStatus()).isEqualTo(FieldStatus.STALE);
            assertThat(f.getByVersion().getOffset()).isEqualTo(9L);
            assertThat(f.getReason()).contains("newer value was applied");
        });
        assertThat(result.getVersion().getOffset()).isEqualTo(5L);
    }

    @Test
    void aFailedDispatchWritesEachEventsDeadLetterWithTheRequestBeforeItsResult() throws Exception {
        CallResult refused = new CallResult(CallClass.PERMANENT, 10_004, 200, "bad group", null, null);
        VendorCall call = new VendorCall("group_modify", Set.of(Field.NAME), new byte[0], "POST /modify {}", "json");

        writer.failed(KEY, List.of(event(0, Map.of()), event(1, Map.of())), call, DeadLetterReason.VENDOR_PERMANENT,
                info(refused));

        assertThat(written).extracting(w -> w.record().topic(), Written::outcome)
                .containsExactly(tuple("dlt", false), tuple("results", true), tuple("dlt", false),
                        tuple("results", true));
        ProducerRecord<byte[], byte[]> letter = written.get(0).record();
        assertThat(text(letter, DeadLetterHeaders.FAILED_REQUEST)).isEqualTo("POST /modify {}");
        assertThat(text(letter, DeadLetterHeaders.EXCEPTION_FQCN)).as("no exception: the answer's class")
                .isEqualTo("io.groupsync.imapi.PERMANENT");
        assertThat(text(letter, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("VENDOR_PERMANENT: bad group");
        assertThat(results()).extracting(SyncResult::getStatus).containsOnly(SyncStatus.FAILED);
    }

    @Test
    void aFailureThatThrewNamesTheExceptionInItsDeadLetter() {
        CallResult dropped = CallResult.ioFailure(new IOException("connection reset"));
        VendorCall call = new VendorCall("group_modify", Set.of(Field.NAME), new byte[0], "POST /modify", "json");

        writer.failed(KEY, List.of(event(0, Map.of())), call, DeadLetterReason.RETRIES_EXHAUSTED, info(dropped));

        assertThat(text(written.get(0).record(), DeadLetterHeaders.EXCEPTION_FQCN))
                .isEqualTo("java.io.IOException");
    }

    @Test
    void aRejectedEventWritesItsDeadLetterThenARejectedResultWhichIsTheOutcome() throws Exception {
        writer.rejected("a", "g", Target.group(), event(0, Map.of()), "Name is 31 bytes, over 30", true);

        assertThat(written).extracting(w -> w.record().topic(), Written::outcome)
                .containsExactly(tuple("dlt", false), tuple("results", true));
        assertThat(text(written.get(0).record(), DeadLetterHeaders.REASON)).isEqualTo("REJECTED");
        assertThat(results()).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo(SyncStatus.REJECTED);
            assertThat(r.getMessage()).isEqualTo("Name is 31 bytes, over 30");
        });
    }

    @Test
    void nothingToSendIsAPartlyAppliedResult() throws Exception {
        writer.nothingToSend("a", "g", Target.group(), event(0, Map.of(Field.NAME, "not offered")));

        assertThat(written).singleElement().extracting(Written::outcome).isEqualTo(true);
        assertThat(results()).singleElement().extracting(SyncResult::getStatus)
                .isEqualTo(SyncStatus.PARTLY_APPLIED);
    }

    @Test
    void aDeadLetterIsARoutesOutcomeOnlyWhenItNamesTheRoute() {
        SourceRecord source = source(0);
        writer.deadLetter(source, DeadLetterReason.UNDECODABLE, "BAD_FRAMING", "x.DecodeException", null, null);
        writer.deadLetter(source, DeadLetterReason.UNKNOWN_ROUTE, "no route named x", "E", "e0", "x");

        assertThat(written).extracting(Written::outcome).containsExactly(false, true);
        assertThat(written).extracting(w -> w.record().topic()).containsOnly("dlt");
    }

    @Test
    void eachResultAndDeadLetterIsToldWithItsRoute() {
        CoveredEvent replaced = event(0, Map.of());
        CoveredEvent later = event(1, Map.of());
        writer.applied(KEY, List.of(replaced, later), replacedWhole(replaced, later), info(CallResult.ok(0, 200)));
        writer.failed(KEY, List.of(event(2, Map.of())), new VendorCall("m", Set.of(), new byte[0], "", ""),
                DeadLetterReason.RETRIES_EXHAUSTED, info(CallResult.ioFailure(new IOException("reset"))));
        writer.rejected("a", "g", Target.group(), event(3, Map.of()), "too long", true);
        writer.nothingToSend("a", "g", Target.group(), event(4, Map.of(Field.NAME, "not offered")));
        writer.deadLetter(source(5), DeadLetterReason.UNDECODABLE, "BAD_FRAMING", "x.DecodeException", null, null);

        assertThat(told).containsExactly("a STALE", "a APPLIED", "a dead letter RETRIES_EXHAUSTED", "a FAILED",
                "a dead letter REJECTED", "a REJECTED", "a PARTLY_APPLIED", "null dead letter UNDECODABLE");
    }

    private List<SyncResult> results() throws Exception {
        List<SyncResult> results = new ArrayList<>();
        for (Written w : written) {
            if (w.record().topic().equals("results")) {
                results.add(AvroCodec.syncResult().decode(w.record().value()));
            }
        }
        return results;
    }

    private static DispatchInfo info(CallResult result) {
        return new DispatchInfo("d1", 1, 1, result);
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    private static SourceRecord source(long offset) {
        return new SourceRecord("in", 0, offset, 0, "g".getBytes(StandardCharsets.UTF_8), new byte[] {1},
                new RecordHeaders(), 0);
    }

    /** What a dispatch sent in which {@code by} replaced every value of {@code replaced}. */
    private static SentPatch replacedWhole(CoveredEvent replaced, CoveredEvent by) {
        FieldFates fates = new FieldFates();
        replaced.fields().forEach(f -> fates.put(replaced, f, FieldFate.replaced(by.eventId(), by.version())));
        return new SentPatch(Map.of(), Map.of(), fates);
    }

    private static CoveredEvent event(long offset, Map<Field, String> skipped) {
        return new CoveredEvent("e" + offset, 0, source(offset), Set.of(Field.NAME), skipped);
    }
}
