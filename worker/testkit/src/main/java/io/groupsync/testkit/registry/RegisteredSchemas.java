package io.groupsync.testkit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * What {@link SchemaRegistryStub} holds and how it answers each route once the request is read: the schemas by id,
 * the subjects' versions, and Confluent's status and error codes. Safe for the server's threads.
 */
final class RegisteredSchemas {

    /** A status and the JSON body that goes with it. */
    record Answer(int status, Object body) {
    }

    private static final Set<String> BODY_FIELDS = Set.of("schema", "schemaType", "references");

    /** One registered schema: its text as given, its parsed form and id. */
    private record Registered(int id, String text, Schema schema) {
    }

    private final Map<Integer, Registered> byId = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    private int nextId = 1;

    synchronized int register(String subject, String schema) {
        return add(subject, schema, new Schema.Parser().parse(schema));
    }

    synchronized String schema(int id) {
        Registered registered = byId.get(id);
        return registered == null ? null : registered.text();
    }

    synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    synchronized Answer schemaBody(String subject, JsonNode body, boolean registering) {
        if (body == null || !body.path("schema").isTextual()) {
            return error(422, 42201, "Invalid schema: the request has no schema");
        }
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!BODY_FIELDS.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            return error(422, 422, "Unrecognized field: " + unknown.get(0));
        }
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            return error(422, 42201, "Invalid schema: this registry holds Avro schemas only, not " + type);
        }
        String text = body.path("schema").asText();
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            // Avro's parser throws more than SchemaParseException for nonsense (an unknown type name, say).
            return error(422, 42201, "Invalid schema " + text + ": " + e.getMessage());
        }
        return registering ? registerChecked(subject, text, schema) : lookup(subject, schema);
    }

    private Answer registerChecked(String subject, String text, Schema schema) {
        List<Integer> versions = subjects.getOrDefault(subject, List.of());
        Integer same = idByCanonical.get(schema.toString());
        if (same != null && versions.contains(same)) {
            return new Answer(200, Map.of("id", same));
        }
        if (!versions.isEmpty()) {
            Schema latest = byId.get(versions.get(versions.size() - 1)).schema();
            SchemaCompatibility.SchemaPairCompatibility check =
                    SchemaCompatibility.checkReaderWriterCompatibility(schema, latest);
            if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                return error(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                        + subject + "\", details: " + check.getResult().getIncompatibilities());
            }
        }
        return new Answer(200, Map.of("id", add(subject, text, schema)));
    }

    private Answer lookup(String subject, Schema schema) {
        List<Integer> versions = subjects.get(subject);
        if (versions == null) {
            return error(404, 40401, "Subject '" + subject + "' not found.");
        }
        Integer id = idByCanonical.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            return error(404, 40403, "Schema not found");
        }
        return new Answer(200, Map.of("subject", subject, "id", id, "version", versions.indexOf(id) + 1,
                "schema", byId.get(id).text()));
    }

    synchronized Answer schemaById(int id) {
        Registered registered = byId.get(id);
        if (registered == null) {
            return error(404, 40403, "Schema " + id + " not found");
        }
        return new Answer(200, Map.of("schema", registered.text()));
    }

    synchronized Answer version(String subject, String version) {
        List<Integer> versions = subjects.get(subject);
        if (versions == null) {
            return error(404, 40401, "Subject '" + subject + "' not found.");
        }
        int index;
        try {
            index = "latest".equals(version) ? versions.size() : Integer.parseInt(version);
        } catch (NumberFormatException e) {
            return error(422, 42202, "The specified version '" + version + "' is not a valid version id.");
        }
        if (index < 1 || index > versions.size()) {
            return error(404, 40402, "Version " + version + " not found.");
        }
        int id = versions.get(index - 1);
        return new Answer(200, Map.of("subject", subject, "id", id, "version", index, "schema", byId.get(id).text()));
    }

    private int add(String subject, String text, Schema schema) {
        String canonical = schema.toString();
        int id = idByCanonical.computeIfAbsent(canonical, c -> nextId++);
        byId.putIfAbsent(id, new Registered(id, text, schema));
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    static Answer notAllowed() {
        return error(405, 405, "HTTP 405 Method Not Allowed");
    }

    static Answer error(int status, int code, String message) {
        return new Answer(status, Map.of("error_code", code, "message", message));
    }
}
