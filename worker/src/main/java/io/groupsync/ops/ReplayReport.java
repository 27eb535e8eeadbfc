package io.groupsync.ops;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a replay read and did (or, in a dry run, would do): counts, the time span, a few samples. */
final class ReplayReport {

    private static final int SAMPLES = 3;
    private static final int MESSAGE_CHARS = 100;

    private final Map<String, Integer> byReason = new TreeMap<>();
    private final Map<String, Integer> byRoute = new TreeMap<>();
    private final Map<String, Integer> byVendorCode = new TreeMap<>();
    private final Map<String, Integer> replayedTo = new TreeMap<>();
    private final Map<String, Integer> parked = new LinkedHashMap<>();
    private final Map<String, Integer> skipped = new LinkedHashMap<>();
    private final List<String> samples = new ArrayList<>();
    private long read;
    private long selected;
    private long replays;
    private long parks;
    private Letter oldest;
    private Letter newest;

    void count(Letter letter, ReplayPlan.Decision decision) {
        read++;
        if (decision instanceof ReplayPlan.NotSelected) {
            return;
        }
        selected++;
        add(byReason, letter.reason());
        add(byRoute, letter.route());
        add(byVendorCode, letter.vendorCode());
        long at = letter.record().timestamp();
        if (oldest == null || at < oldest.record().timestamp()) {
            oldest = letter;
        }
        if (newest == null || at >= newest.record().timestamp()) {
            newest = letter;
        }
        if (samples.size() < SAMPLES) {
            samples.add(sample(letter));
        }
        if (decision instanceof ReplayPlan.Replay replay) {
            replays++;
            add(replayedTo, replay.topic() + " for " + replay.route());
        } else if (decision instanceof ReplayPlan.Park park) {
            parks++;
            add(parked, park.kind());
        } else {
            add(skipped, ((ReplayPlan.Skip) decision).why());
        }
    }

    long read() {
        return read;
    }

    long written() {
        return replays + parks;
    }

    /** One line for the progress display. */
    String progress(long total) {
        return read + "/" + total + " read, " + replays + " replayed, " + parks + " parked, "
                + (selected - replays - parks) + " skipped, " + (read - selected) + " not selected";
    }

    void print(PrintStream out, String topic, ReplayPlan plan, boolean executed, String parkingTopic) {
        out.println("dead letters in " + topic + ": " + read + " read, " + selected + " selected ("
                + plan.selection().describe() + ")");
        out.println("by reason:      " + counts(byReason));
        out.println("by route:       " + counts(byRoute));
        out.println("by vendor code: " + counts(byVendorCode));
        if (oldest != null) {
            out.println("oldest:         " + Instant.ofEpochMilli(oldest.record().timestamp()) + "  "
                    + oldest.position());
            out.println("newest:         " + Instant.ofEpochMilli(newest.record().timestamp()) + "  "
                    + newest.position());
        }
        if (!samples.isEmpty()) {
            out.println("samples:");
            samples.forEach(s -> out.println("  " + s));
        }
        String verb = executed ? "" : "would be ";
        out.println(verb + "replayed: " + replays + (replays == 0 ? "" : " (" + counts(replayedTo) + ")"));
        out.println(verb + "parked:   " + parks + (parks == 0 ? "" : " in " + parkingTopic));
        parked.forEach((why, n) -> out.println("  " + n + "  " + why));
        out.println(verb + "skipped:  " + (selected - replays - parks));
        skipped.forEach((why, n) -> out.println("  " + n + "  " + why));
        if (!executed) {
            out.println("dry run: nothing written; add --execute to " + (plan.park() ? "park" : "replay") + " them");
        }
    }

    private static String sample(Letter letter) {
        String message = letter.message() == null ? "" : letter.message();
        if (message.length() > MESSAGE_CHARS) {
            message = message.substring(0, MESSAGE_CHARS) + "…";
        }
        return letter.position() + "  event " + letter.eventId() + "  group " + letter.groupId() + "  route "
                + (letter.route() == null ? "(none)" : letter.route()) + "  " + letter.reason()
                + (letter.vendorCode() == null ? "" : " " + letter.vendorCode()) + ": " + message;
    }

    /** {@code a 3, b 1}: largest first, then by name. */
    private static String counts(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> parts.add(e.getKey() + " " + e.getValue()));
        return String.join(", ", parts);
    }

    private static void add(Map<String, Integer> counts, String key) {
        counts.merge(key == null ? "(none)" : key, 1, Integer::sum);
    }
}
