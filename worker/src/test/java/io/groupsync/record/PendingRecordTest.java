package io.groupsync.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.model.SourceRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class PendingRecordTest {

    private static final SourceRecord SOURCE = new SourceRecord("in", 0, 0, 0, null, new byte[] {1},
            new RecordHeaders(), 0);
    private static final OutputRecord LETTER = OutputRecord.of(new ProducerRecord<>("dlt", new byte[] {1}));
    private static final OutputRecord RESULT = OutputRecord.of(new ProducerRecord<>("results", new byte[] {2}));

    @Test
    void aRecordIsCompleteOnceEachRouteGaveItsOutcomeAndWritesThemInTheOrderTheyCame() {
        PendingRecord record = new PendingRecord(SOURCE, null, 2);
        record.add(LETTER);
        record.outcome(RESULT);
        assertThat(record.complete()).as("a dead letter before a result is no outcome").isFalse();
        record.outcome(RESULT);
        assertThat(record.complete()).isTrue();
        assertThat(record.outputs()).containsExactly(LETTER, RESULT, RESULT);
    }

    @Test
    void aRecordExpectingNoOutcomeIsCompleteAtOnce() {
        assertThat(new PendingRecord(SOURCE, null, 0).complete()).isTrue();
    }
}
