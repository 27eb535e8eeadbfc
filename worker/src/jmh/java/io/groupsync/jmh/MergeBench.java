package io.groupsync.jmh;

import io.groupsync.coalesce.Coalescer;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.PendingKey;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.time.Clock;
import io.groupsync.versions.AppliedVersions;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.tencent.TencentClient;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Coalescing per edit and route, as the pipeline does it: split off the fields the vendor lacks, check the vendor's
 * limits, check the versions applied, merge into the key's pending patch. One invocation merges every fixture edit into a fresh coalescer (64
 * groups, 16 edits each), so pending work stays the size a backlog gives it; the time is per edit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MergeBench {

    private static final TopicPartition PARTITION = new TopicPartition("changes", 0);

    private Edit[] edits;
    private TencentClient tencent;

    @Setup
    public void setUp() {
        edits = Fixture.edits();
        tencent = new TencentClient(new OkHttpClient(), URI.create("http://127.0.0.1:1"), 1_400_000_001L, "admin",
                "secret", Duration.ofHours(24), Clock.system(), new SecureRandom());
    }

    @Benchmark
    @OperationsPerInvocation(Fixture.RECORDS)
    public int offerToTencentRoute() {
        Coalescer coalescer = new Coalescer(new AppliedVersions(Duration.ofDays(7), Clock.system()));
        for (Edit edit : edits) {
            Map<Field, String> unsupported = tencent.unsupported(edit.target(), edit.patch());
            Patch supported = edit.patch().copy();
            unsupported.keySet().forEach(supported::without);
            CoveredEvent event = new CoveredEvent(edit.eventId(), edit.occurredAtMillis(), edit.source(),
                    supported.fields(edit.target().kind()), Map.copyOf(unsupported));
            if (tencent.violations(edit, supported).isEmpty()) {
                PendingKey key = new PendingKey("tencent", edit.groupId(), edit.target());
                coalescer.offer(key, PARTITION, event, coalescer.admit(key, event, supported),
                        new PlanContext(edit.groupType(), edit.operator()));
            }
        }
        return coalescer.pendingKeys();
    }

    @Benchmark
    @OperationsPerInvocation(Fixture.RECORDS)
    public Patch patchMerge() {
        Patch merged = Patch.empty();
        for (Edit edit : edits) {
            merged.merge(edit.patch());
        }
        return merged;
    }
}
