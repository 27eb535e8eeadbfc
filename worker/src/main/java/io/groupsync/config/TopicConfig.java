package io.groupsync.config;

import java.time.Duration;

/** The worker's topics, handed whole to the worker. */
public record TopicConfig(
        @Setting(byDefault = "groupsync.changes", pattern = TopicConfig.TOPIC, rule = TopicConfig.NOT_A_TOPIC,
                doc = "Topic of GroupChange events to consume.")
        String input,
        @Setting(byDefault = "groupsync.results", pattern = TopicConfig.TOPIC, rule = TopicConfig.NOT_A_TOPIC,
                doc = "Topic for one SyncResult per event and route.")
        String results,
        @Setting(byDefault = "groupsync.dead-letters", pattern = TopicConfig.TOPIC, rule = TopicConfig.NOT_A_TOPIC,
                doc = "Topic for records that cannot succeed, kept replayable.")
        String deadLetters,
        @Setting(computed = "topics.input + \".versions\"", pattern = TopicConfig.TOPIC,
                rule = TopicConfig.NOT_A_TOPIC, doc = "Compacted topic of the version of the last value applied per route, group, target and field, "
                        + "written with the results and read back when a partition is assigned, so a replayed or late "
                        + "edit never overwrites a newer value. Created, with as many partitions as topics.input and "
                        + "the window as its retention, if missing.")
        String versions,
        @Setting(byDefault = "7d", positive = true, doc = "How long a version applied is kept: as long as a dead "
                + "letter that could be replayed over it, so the dead-letter topic's retention.ms (Kafka's default is "
                + "7d). An edit replayed later than this after a newer value is applied again.")
        Duration versionsWindow) {

    static final String TOPIC = "[A-Za-z0-9._-]{1,249}";
    static final String NOT_A_TOPIC = "is not a Kafka topic name (1-249 of A-Z, a-z, 0-9, . _ -)";

    /**
     * The versions belong with the input they were applied from: a fixed default would have every deployment on a
     * cluster share one topic. Writing results, dead letters or versions into the input would feed the worker its
     * own output.
     */
    static void complete(Section s) {
        String input = s.get("input");
        if (input != null && s.origin("versions") == Section.Origin.NONE) {
            s.set("versions", input + ".versions");
        }
        String results = s.get("results");
        String deadLetters = s.get("dead-letters");
        String versions = s.get("versions");
        if (!s.clean()) {
            return;
        }
        if (results.equals(input)) {
            // Either value, shown, would show the other.
            s.problem("results", "must differ from topics.input"
                    + (s.hiddenAs("results") == null ? s.show("input", " (both '%s')") : ""));
        }
        if (deadLetters.equals(input) || deadLetters.equals(results)) {
            s.problem("dead-letters", "must differ from topics.input and topics.results");
        }
        if (versions.equals(input) || versions.equals(results) || versions.equals(deadLetters)) {
            s.problem("versions", "must differ from topics.input, topics.results and topics.dead-letters");
        }
    }
}
