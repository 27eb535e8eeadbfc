package io.groupsync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The readable form of tail: one fixed-width line per record, the fields a person scans for first. */
final class TailTable {

    private static final String FORMAT = "%-24s %-22s %-16s %-12s %-10s %-16s %s";
    private static final int MESSAGE_CHARS = 80;

    private TailTable() {
    }

    static String header(TailRecords.Kind kind) {
        return String.format(FORMAT, "TIME", "EVENT", "GROUP", "MEMBER", "ROUTE",
                switch (kind) {
                    case RESULTS -> "STATUS";
                    case DEAD_LETTERS -> "REASON";
                    case INPUT -> "FIELDS";
                }, kind == TailRecords.Kind.INPUT ? "POSITION" : "MESSAGE");
    }

    static String row(TailRecords.Kind kind, ObjectNode node) {
        String time = node.get("kafka").get("timestamp").asText();
        if (node.has("undecodable")) {
            return String.format(FORMAT, time, "-", "-", "-", "-", "UNDECODABLE", node.get("undecodable").asText());
        }
        return switch (kind) {
            case RESULTS -> String.format(FORMAT, time, text(node, "eventId"), text(node, "groupId"),
                    text(node, "memberId"), text(node, "route"), text(node, "status"), message(node));
            case DEAD_LETTERS -> String.format(FORMAT, time, text(node, "eventId"), text(node, "groupId"),
                    text(node, "memberId"), text(node, "route"), text(node, "reason"), message(node));
            case INPUT -> String.format(FORMAT, time, text(node, "eventId"), text(node, "groupId"),
                    text(node, "memberId"), routes(node), fields(node.get("patch")),
                    node.get("kafka").get("partition").asText() + "@" + node.get("kafka").get("offset").asText());
        };
    }

    private static String routes(ObjectNode node) {
        JsonNode replay = node.get("replay");
        if (replay != null) {
            return TailRecords.text(replay, "routes");
        }
        JsonNode routes = node.get("targetRoutes");
        if (routes == null || routes.isNull()) {
            return "(all)";
        }
        List<String> names = new ArrayList<>();
        routes.forEach(r -> names.add(r.asText()));
        return String.join(",", names);
    }

    /** The fields a patch sets, by name. */
    private static String fields(JsonNode patch) {
        if (patch == null || patch.isNull()) {
            return "-";
        }
        StringBuilder names = new StringBuilder();
        patch.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull() && !e.getKey().equals("memberId")) {
                names.append(names.isEmpty() ? "" : ",").append(e.getKey());
            }
        });
        return names.toString();
    }

    private static String message(ObjectNode node) {
        String message = text(node, "message");
        return message.length() > MESSAGE_CHARS ? message.substring(0, MESSAGE_CHARS) + "…" : message;
    }

    private static String text(ObjectNode node, String field) {
        String value = TailRecords.text(node, field);
        return value == null ? "-" : value;
    }
}
