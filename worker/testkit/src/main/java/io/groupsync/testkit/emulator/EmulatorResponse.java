package io.groupsync.testkit.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What an emulator answers.
 *
 * @param vendorCode the vendor's own code carried in the body (0 for success), recorded in the {@link CallLog}
 * @param throttled  whether this is the vendor's frequency-limit answer
 */
public record EmulatorResponse(int status, Map<String, String> headers, byte[] body, Integer vendorCode,
                               boolean throttled) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON answer built from {@code body} (maps, lists, scalars). */
    public static EmulatorResponse json(int status, int vendorCode, Object body) {
        try {
            return new EmulatorResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                    JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8), vendorCode, false);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("emulator answer is not serialisable: " + body, e);
        }
    }

    /** A bare HTTP error with no vendor envelope, as a proxy in front of the vendor would send. */
    public static EmulatorResponse plain(int status, String text) {
        return new EmulatorResponse(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8), null, false);
    }

    public EmulatorResponse asThrottled() {
        return new EmulatorResponse(status, headers, body, vendorCode, true);
    }

    public EmulatorResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new EmulatorResponse(status, Map.copyOf(more), body, vendorCode, throttled);
    }
}
