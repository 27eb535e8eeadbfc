package io.groupsync.testkit.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.record.DeadLetterHeaders;
import org.junit.jupiter.api.Test;

/** The testkit reads dead letters by the header names the worker writes them with. */
class DeadLetterHeaderNamesTest {

    @Test
    void theTestkitsHeaderNamesAreTheWorkers() {
        assertThat(DeadLetterHeaderNames.ORIGINAL_PARTITION).isEqualTo(DeadLetterHeaders.ORIGINAL_PARTITION);
        assertThat(DeadLetterHeaderNames.ORIGINAL_OFFSET).isEqualTo(DeadLetterHeaders.ORIGINAL_OFFSET);
        assertThat(DeadLetterHeaderNames.REASON).isEqualTo(DeadLetterHeaders.REASON);
        assertThat(DeadLetterHeaderNames.ROUTE).isEqualTo(DeadLetterHeaders.ROUTE);
    }
}
