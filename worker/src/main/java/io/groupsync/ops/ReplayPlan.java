package io.groupsync.ops;

/**
 * What replay does with each dead letter it reads: a function of the dead letter and the operator's options only,
 * so a dry run and an execution decide alike.
 *
 * @param to               the topic to republish to; null for each record's original topic
 * @param allowOtherTopic  whether a record may go to a topic other than the one it was read from
 * @param maxReplays       how many replays a record gets; a dead letter of its last one is parked instead
 * @param park             park the selection on purpose instead of replaying it
 * @param parkNote         why, in the operator's words, for {@code --park}
 */
public record ReplayPlan(Selection selection, String to, boolean allowOtherTopic, int maxReplays, boolean park,
                         String parkNote) {

    /** One dead letter's fate. */
    sealed interface Decision permits NotSelected, Replay, Park, Skip {
    }

    record NotSelected() implements Decision {
    }

    /** Republish to {@code topic}, for {@code route} only. */
    record Replay(String topic, String route) implements Decision {
    }

    /** Move to the parking topic; {@code reason} is written with it, {@code kind} is how the report counts it. */
    record Park(String reason, String kind) implements Decision {
    }

    /** Leave it where it is; {@code why} says what would make it replayable. */
    record Skip(String why) implements Decision {
    }

    Decision decide(Letter letter) {
        if (!selection.matches(letter)) {
            return new NotSelected();
        }
        if (park) {
            String reason = "parked by the operator" + (parkNote == null ? "" : ": " + parkNote);
            return new Park(reason, reason);
        }
        if (letter.replays() >= maxReplays) {
            String kind = "replayed " + letter.replays() + " time(s), the most allowed (--max-replays " + maxReplays
                    + "), and failed again";
            return new Park(kind + ": " + (letter.message() == null ? letter.reason() : letter.message()),
                    kind + " (" + letter.reason() + ")");
        }
        if (letter.failedTopic() == null || letter.originalPartition() < 0 || letter.originalOffset() < 0) {
            // The original position is the edit's version: a replay without it could not be checked for staleness.
            return new Skip("no original topic, partition and offset in its headers: not a dead letter groupsync "
                    + "wrote");
        }
        if (letter.route() == null) {
            return new Skip("failed before any route (" + letter.reason() + "): the same record fails the same way; "
                    + "publish a corrected event upstream, or --park it");
        }
        if (letter.valueOmitted()) {
            // One reason for all such letters, so the report counts them on one line.
            return new Skip("its value was left out of the dead letter as too large; the original stays at its "
                    + "offset in " + letter.failedTopic() + " (kafka_dlt-original-offset)");
        }
        String topic = to == null ? letter.failedTopic() : to;
        if (!topic.equals(letter.failedTopic()) && !allowOtherTopic) {
            return new Skip("it was read from " + letter.failedTopic() + ", not " + topic
                    + "; add --allow-other-topic to write it there");
        }
        return new Replay(topic, letter.route());
    }
}
