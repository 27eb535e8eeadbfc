package io.groupsync.jmh;

import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.event.Vendor;
import io.groupsync.model.Edit;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.time.Clock;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.VendorClient;
import io.groupsync.imapi.openim.OpenImClient;
import io.groupsync.imapi.rongcloud.RongCloudClient;
import io.groupsync.imapi.tencent.TencentClient;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding at both ends of a dispatch: a merged patch into each vendor's request body, and the SyncResult every
 * event gets back (Avro single-object encoding), which a coalesced call multiplies by the events it carried.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestBench {

    private Patch merged;
    private Patch forTencent;
    private Patch forOpenIm;
    private Patch forRongCloud;
    private TencentClient tencent;
    private OpenImClient openIm;
    private RongCloudClient rongCloud;
    private final AvroCodec<SyncResult> results = AvroCodec.syncResult();
    private SyncResult result;

    @Setup
    public void setUp() {
        merged = Patch.empty();
        for (Edit edit : Fixture.edits()) {
            merged.merge(edit.patch());
        }
        OkHttpClient http = new OkHttpClient();
        URI nowhere = URI.create("http://127.0.0.1:1");
        tencent = new TencentClient(http, nowhere, 1_400_000_001L, "admin", "secret", Duration.ofHours(24),
                Clock.system(), new SecureRandom());
        openIm = new OpenImClient(http, nowhere, "imAdmin", "secret", Clock.system(), new SecureRandom());
        rongCloud = new RongCloudClient(http, nowhere, null, "appkey", "secret", Clock.system(), new SecureRandom());
        forTencent = supported(tencent);
        forOpenIm = supported(openIm);
        forRongCloud = supported(rongCloud);
        result = SyncResult.newBuilder().setEventId("ev-g-12345").setRoute("tencent").setVendor(Vendor.TENCENT)
                .setGroupId("g42").setMemberId(null).setStatus(SyncStatus.APPLIED)
                .setAppliedFields(List.of("customData", "name")).setSkippedFields(List.of()).setVendorCode(0)
                .setHttpStatus(200).setMessage("").setAttempts(1)
                .setDispatchId("tencent-1234").setDispatchEventCount(37)
                .setSourceTopic("changes").setSourcePartition(3).setSourceOffset(123_456L)
                .setOccurredAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setConsumedAt(Instant.ofEpochMilli(1_700_000_001_000L))
                .setCompletedAt(Instant.ofEpochMilli(1_700_000_001_050L)).build();
    }

    /** The merged patch less what the vendor lacks, as the pipeline hands it to that vendor's client. */
    private Patch supported(VendorClient client) {
        Patch patch = merged.copy();
        client.unsupported(Target.group(), merged).keySet().forEach(patch::without);
        return patch;
    }

    @Benchmark
    public List<VendorCall> tencentGroupProfile() {
        return tencent.plan("g42", Target.group(), forTencent, PlanContext.NONE, 1_700_000_000_000L);
    }

    @Benchmark
    public List<VendorCall> openImGroupProfile() {
        return openIm.plan("g42", Target.group(), forOpenIm, PlanContext.NONE, 1_700_000_000_000L);
    }

    @Benchmark
    public List<VendorCall> rongCloudGroupProfile() {
        return rongCloud.plan("g42", Target.group(), forRongCloud, PlanContext.NONE, 1_700_000_000_000L);
    }

    @Benchmark
    public byte[] syncResultEncode() {
        return results.encode(result);
    }
}
