package io.groupsync.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML file into plain maps, lists and strings with Jackson's streaming YAML parser.
 *
 * <p>Not {@code readTree} or data binding: they resolve scalars the YAML 1.1 way, so an app key written
 * {@code 012345} would arrive as the octal number 5349, {@code 0x1F} as 31, and they keep the last of two equal keys.
 * Here every scalar stays the text the operator wrote (settings parse it themselves, exactly as they parse
 * environment overrides), a repeated key is a problem, and a syntax error is reported by position only, because the
 * parser's own message quotes the offending line, which may hold a secret.
 */
final class YamlTree {

    static final String ROOT = "config";

    private static final String GLUED = "a value is glued to this key; write 'key: value' with a space "
            + "(the rest is not shown: it may be a secret)";

    private static final Pattern GLUE = Pattern.compile("[:=\\s]");

    private final Problems problems;

    private YamlTree(Problems problems) {
        this.problems = problems;
    }

    /** The top-level mapping; an empty file is an empty mapping. Throws at once when the text is not YAML. */
    static Map<String, Object> parse(String yaml, Problems problems) {
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Map.of();
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(ROOT, "must be a mapping of settings (kafka:, routes:, …)");
            }
            Map<String, Object> root = new YamlTree(problems).mapping(parser, "");
            if (parser.nextToken() != null) {
                throw new ConfigException(ROOT, "holds more than one YAML document; put everything in one");
            }
            return root;
        } catch (IOException e) {
            throw new ConfigException(ROOT, "not valid YAML" + where(e));
        }
    }

    private Map<String, Object> mapping(JsonParser parser, String path) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Optional<String> glued = gluedPrefix(key);
            String child = (path.isEmpty() ? "" : path + ".") + glued.orElse(key);
            Object value = value(parser, parser.nextToken(), child);
            if (glued.isPresent()) {
                problems.add(child, GLUED);
            } else if (map.containsKey(key)) {
                problems.add(child, "given more than once; say it once");
            } else {
                map.put(key, value);
            }
        }
        return map;
    }

    private Object value(JsonParser parser, JsonToken token, String path) throws IOException {
        return switch (token) {
            case START_OBJECT -> mapping(parser, path);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(parser, item, path + "[" + list.size() + "]"));
                }
                yield list;
            }
            case VALUE_NULL -> null;
            default -> parser.getText();
        };
    }

    /**
     * In a flow mapping {@code { secret-key:abc }} (no space after the colon) YAML reads one key
     * {@code secret-key:abc} with no value, so a key can hold a secret. No setting or Kafka property has
     * {@code :}, {@code =} or white space in its name; for such a key this is the part before them, the only part a
     * message may show.
     */
    private static Optional<String> gluedPrefix(String key) {
        Matcher m = GLUE.matcher(key);
        return m.find() ? Optional.of(key.substring(0, m.start()) + "…") : Optional.empty();
    }

    /**
     * Line, column and SnakeYAML's one-line description of the problem (e.g. "mapping values are not allowed
     * here"), which names tokens, never the text around them.
     */
    private static String where(IOException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
                && marked.getProblemMark() != null) {
            return " at line " + (marked.getProblemMark().getLine() + 1) + ", column "
                    + (marked.getProblemMark().getColumn() + 1) + ": " + marked.getProblem();
        }
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                ? " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr()
                : "";
    }
}
