package io.groupsync.dispatch;

import io.groupsync.imapi.CallResult;

/**
 * What the outcome of every event of one dispatch shares.
 *
 * @param dispatchId  names the dispatch, the same in the result of every event it carried
 * @param attempts    how many times it was sent (1 when the first try settled it)
 * @param eventCount  how many events it carried
 * @param result      the vendor's last answer
 */
public record DispatchInfo(String dispatchId, int attempts, int eventCount, CallResult result) {
}
