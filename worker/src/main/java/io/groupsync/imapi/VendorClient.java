package io.groupsync.imapi;

import io.groupsync.event.Vendor;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import io.groupsync.model.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One vendor account, as the pipeline sees it. The pipeline coalesces and paces; the client knows the vendor:
 * which fields it has, its limits, how a patch becomes requests, how it signs them and what its answers mean.
 * One implementation per vendor package, all behind this interface.
 */
public interface VendorClient extends AutoCloseable {

    Vendor vendor();

    /**
     * The rate-limited APIs of this vendor, for sizing one bucket each: those {@link #plan} may use, and those a
     * {@link #send} reads on its way (paced at its {@link WireGate} only).
     */
    List<String> apis();

    /** Fields of {@code patch} this vendor does not offer for {@code target}, each with the reason it is skipped. */
    Map<Field, String> unsupported(Target target, Patch patch);

    /**
     * Why this one edit cannot be sent to this vendor (a value over a limit, a rule of the group type, a role
     * that cannot be set), checked before it is merged so one bad edit never spoils a merged request.
     * Only the fields this vendor offers are passed in {@code supported}. Empty when it is acceptable.
     */
    List<String> violations(Edit edit, Patch supported);

    /**
     * The API of the first request {@link #plan} would make for this patch: the key waits in that API's queue
     * for a token. Cheaper than planning, which happens only when the token is there.
     */
    String firstApi(Target target, Patch patch);

    /**
     * The requests that apply a merged patch, in the order they must be sent. {@code nowMillis} is when they are
     * planned, so that a mute is sent with the time that remains. Never empty for a non-empty patch.
     */
    List<VendorCall> plan(String groupId, Target target, Patch patch, PlanContext context, long nowMillis);

    /**
     * How many planned calls like this one may travel in one request (1: never batched). The dispatcher merges calls
     * of different keys of the same API, in first-dirty order, with one rate-limit token for the lot.
     */
    default int maxBatch(VendorCall call) {
        return 1;
    }

    /** Whether {@code next} may share a request with {@code first}, both allowed by {@link #maxBatch}. */
    default boolean batchesWith(VendorCall first, VendorCall next) {
        return first.api().equals(next.api());
    }

    /**
     * One request carrying {@code calls} (two or more, same API, each allowed by {@link #maxBatch}). A vendor whose
     * batch answer is all or nothing is fine: the dispatcher retries the calls of a refused batch one by one, so one
     * bad call never fails the others.
     */
    default VendorCall batch(List<VendorCall> calls) {
        throw new UnsupportedOperationException(vendor() + " sends no batches");
    }

    /**
     * Sends one request asynchronously. Never completes exceptionally: every failure, I/O included, comes back
     * as a classified {@link CallResult}. Renewing credentials the vendor reports as expired is the client's job.
     * Every HTTP request the call makes passes {@code gate} for its API right before it is written (through
     * {@link io.groupsync.imapi.http.VendorHttp#pacedBy}), retries and reads included.
     */
    CompletableFuture<CallResult> send(VendorCall call, WireGate gate);

    /** {@link #send(VendorCall, WireGate)} unpaced. */
    default CompletableFuture<CallResult> send(VendorCall call) {
        return send(call, WireGate.OPEN);
    }

    @Override
    void close();
}
