package io.groupsync.imapi.rongcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.http.RetryAfter;
import io.groupsync.imapi.http.StatusClass;
import java.io.IOException;
import okhttp3.Response;

/**
 * Reads one HTTP answer into a classified {@link CallResult}: RongCloud's envelope {@code {"code":N,
 * "errorMessage":…}} (success is {@code {"code":200}} on HTTP 200), or, when something else answered, its status.
 */
final class RongCloudAnswers {

    /** RongCloud's answers are a few dozen bytes; the cap keeps a proxy's error page small. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RongCloudAnswers() {
    }

    /** The header RongCloud names its requests in (as its own server SDK reads it, {@code RCRequestIdHeader}). */
    static final String REQUEST_ID = "X-Request-Id";

    static CallResult read(Response response, long nowMillis) throws IOException {
        return classify(response.code(), response.peekBody(MAX_BODY_BYTES).string(),
                response.header(RetryAfter.HEADER), nowMillis).withRequestId(response.header(REQUEST_ID));
    }

    /**
     * @param retryAfter the Retry-After header or null; honoured on a THROTTLED answer (HTTP 429 or code 1008)
     * @param nowMillis  wall-clock time, to turn a Retry-After date into a wait
     */
    static CallResult classify(int status, String body, String retryAfter, long nowMillis) {
        JsonNode envelope = parse(body);
        JsonNode code = envelope.get("code");
        CallResult result;
        if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
            // Decision: a 200 without the envelope came from something in between (a captive portal, a cut
            // body); RongCloud never judged the request, so it is worth another try.
            CallClass outcome = status == 200 ? CallClass.TRANSIENT : StatusClass.of(status);
            result = CallResult.of(outcome, null, status, "HTTP " + status + " without RongCloud's envelope");
        } else {
            int value = code.intValue();
            CallClass outcome = RongCloudErrors.classify(value, status);
            if (outcome == CallClass.OK) {
                return CallResult.ok(value, status);
            }
            String message = envelope.path("errorMessage").asText("");
            result = CallResult.of(outcome, value, status, message.isEmpty() ? "HTTP " + status : message);
        }
        return RetryAfter.onThrottled(result, retryAfter, nowMillis);
    }

    /** The answer's body as JSON (an empty object when it is not JSON), for a read's data. */
    static JsonNode body(Response response) throws IOException {
        return parse(response.peekBody(MAX_BODY_BYTES).string());
    }

    /** The body as JSON, or an empty object when it is not JSON. */
    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}
