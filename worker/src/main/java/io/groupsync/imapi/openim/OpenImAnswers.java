package io.groupsync.imapi.openim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.http.NoAnswer;
import io.groupsync.imapi.http.Redaction;
import io.groupsync.imapi.http.RetryAfter;
import io.groupsync.imapi.openim.OpenImErrors.Handling;
import java.io.IOException;
import okhttp3.Response;

/**
 * Reads one OpenIM answer: the HTTP status first, then the envelope {@code {errCode, errMsg, errDlt, data}}, each
 * judged by {@link OpenImErrors}. Every message starts with the request's operationID, so that the outcome
 * logged or written to Kafka can be found in OpenIM's logs.
 */
final class OpenImAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT_IN_MESSAGE = 200;

    /** What one request's answer means, with the reply to hand on. */
    record Attempt(Handling handling, OpenImReply reply) {

        Attempt cleaned(Redaction redaction) {
            return new Attempt(handling, new OpenImReply(redaction.clean(reply.result()), reply.data()));
        }
    }

    private OpenImAnswers() {
    }

    /** @param nowMillis wall-clock time, to turn a Retry-After date into a wait */
    static Attempt read(Response response, String operationID, long nowMillis) throws IOException {
        String text = response.body().string();
        JsonNode envelope = null;
        try {
            JsonNode parsed = text.isEmpty() ? null : JSON.readTree(text);
            envelope = parsed != null && parsed.isObject() ? parsed : null;
        } catch (IOException notJson) {
            // Left null: a proxy's page, classified by its status.
        }
        int status = response.code();
        JsonNode code = envelope == null ? null : envelope.get("errCode");
        Integer errCode = code != null && code.canConvertToInt() && code.isIntegralNumber() ? code.intValue() : null;
        Handling handling = OpenImErrors.ofHttpStatus(status);
        if (handling == null) {
            handling = errCode == null ? Handling.PERMANENT : OpenImErrors.ofCode(errCode);
        }
        StringBuilder message = new StringBuilder("operationID ").append(operationID);
        if (handling != Handling.OK) {
            message.append(": ");
            if (status != 200) {
                message.append("HTTP ").append(status).append(' ');
            }
            if (errCode != null) {
                message.append('[').append(errCode).append("] ").append(envelope.path("errMsg").asText(""));
                String detail = envelope.path("errDlt").asText("");
                if (!detail.isEmpty()) {
                    message.append(" (").append(detail).append(')');
                }
            } else {
                message.append(status == 200 ? "no OpenIM envelope: " : "")
                        .append(shorten(envelope == null ? text : ""));
            }
        }
        CallResult result = RetryAfter.onThrottled(CallResult.of(handling.outcome, errCode, status,
                message.toString().strip()), response.header(RetryAfter.HEADER), nowMillis).withRequestId(operationID);
        return new Attempt(handling, new OpenImReply(result,
                envelope == null ? MissingNode.getInstance() : envelope.path("data")));
    }

    /** A request that got no answer: transient, or permanent when it could not be built, the failure named. */
    static Attempt unanswered(NoAnswer noAnswer, String operationID) {
        CallResult result = noAnswer.result();
        return new Attempt(Handling.of(result.outcome()),
                OpenImReply.of(result.withMessage("operationID " + operationID + ": " + result.message())
                        .withRequestId(operationID)));
    }

    private static String shorten(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_TEXT_IN_MESSAGE ? flat : flat.substring(0, MAX_TEXT_IN_MESSAGE) + "…";
    }
}
