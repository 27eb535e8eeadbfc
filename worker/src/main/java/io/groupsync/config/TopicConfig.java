package io.groupsync.config;

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
        String deadLetters) {

    static final String TOPIC = "[A-Za-z0-9._-]{1,249}";
    static final String NOT_A_TOPIC = "is not a Kafka topic name (1-249 of A-Z, a-z, 0-9, . _ -)";

    /** Writing results or dead letters into the input would feed the worker its own output. */
    static void complete(Section s) {
        String input = s.get("input");
        String results = s.get("results");
        String deadLetters = s.get("dead-letters");
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
    }
}
