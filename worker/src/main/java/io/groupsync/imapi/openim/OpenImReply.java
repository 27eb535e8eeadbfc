package io.groupsync.imapi.openim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.groupsync.imapi.CallResult;

/**
 * One exchange with OpenIM, classified.
 *
 * @param data the envelope's {@code data}, or a missing node when there is none (never null)
 */
record OpenImReply(CallResult result, JsonNode data) {

    static OpenImReply of(CallResult result) {
        return new OpenImReply(result, MissingNode.getInstance());
    }
}
