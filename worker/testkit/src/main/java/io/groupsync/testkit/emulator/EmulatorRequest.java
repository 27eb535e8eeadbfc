package io.groupsync.testkit.emulator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request as a vendor emulator sees it: decoded query, headers by lower-case name, raw body. */
public record EmulatorRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body) {

    public String path() {
        return uri.getPath();
    }

    /** The first value of a header, or null; names are matched without regard to case. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public Map<String, String> query() {
        return decodeForm(uri.getRawQuery());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Decodes {@code a=1&b=2} (a query string or an x-www-form-urlencoded body); the first value of a name wins. */
    public static Map<String, String> decodeForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }
}
