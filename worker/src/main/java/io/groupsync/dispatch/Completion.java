package io.groupsync.dispatch;

import io.groupsync.coalesce.PendingWork;
import io.groupsync.vendor.CallResult;
import io.groupsync.vendor.VendorCall;
import java.util.List;

/**
 * A vendor's answer, handed from the HTTP thread that received it to the pipeline thread that acts on it.
 *
 * @param remaining the calls of the same dispatch still to send after this one
 */
public record Completion(RouteDispatcher dispatcher, PendingWork work, long dispatchSeq, VendorCall call,
                         List<VendorCall> remaining, CallResult result) {
}
