package io.groupsync.dispatch;

import io.groupsync.coalesce.PendingWork;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import java.util.List;

/**
 * A vendor's answer to one request, handed from the HTTP thread that received it to the pipeline thread that acts
 * on it. A batched request answers for every key it carried.
 *
 * @param parts      the keys' calls the request carried, one for an unbatched request
 * @param sent       the request as it went out (the batch, or the one call)
 * @param sentNanos  when it was handed to the vendor client, on the dispatcher's clock
 */
public record Completion(RouteDispatcher dispatcher, List<Part> parts, VendorCall sent, long sentNanos,
                         CallResult result) {

    /**
     * One key's share of a request.
     *
     * @param remaining the calls of the key's dispatch still to send after this one
     */
    public record Part(PendingWork work, long dispatchSeq, VendorCall call, List<VendorCall> remaining) {
    }
}
