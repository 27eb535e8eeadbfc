package io.groupsync.imapi.rongcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.imapi.Payload;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;

/**
 * A RongCloud form body, kept as its fields until it is written.
 *
 * @param path   the API's path, e.g. {@code /entrust/group/profile/update.json}
 * @param fields form field → value, in the order they are sent: a text node as its text, an object as its JSON
 */
record RongCloudForm(String path, Map<String, JsonNode> fields) implements Payload {

    static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    private static final ObjectMapper JSON = new ObjectMapper();

    RongCloudForm {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode() {
        return join(text -> URLEncoder.encode(text, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /** Written as the vendor page writes its sample; the auth headers are per attempt and never shown. */
    @Override
    public String redacted() {
        return "POST " + path + "\n" + join(UnaryOperator.identity());
    }

    private String join(UnaryOperator<String> escape) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((name, value) -> form.add(escape.apply(name) + "=" + escape.apply(text(value))));
        return form.toString();
    }

    private static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}
