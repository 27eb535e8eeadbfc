package io.groupsync.cli;

import io.groupsync.config.WorkerConfig;
import io.groupsync.ops.Tailer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code groupsync tail}: the worker's topics, decoded, for people and for {@code jq}. */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints the records of the result, dead-letter or input topic, decoded: a table, or one JSON "
                + "object per line (--json) for jq.",
        footer = {"What happened to event X:",
                "  groupsync tail results --config F --event-id X --json | jq -r '\"\\(.route) \\(.status) "
                        + "\\(.message)\"'"})
final class TailCommand implements Callable<Integer> {

    @Mixin
    OpsOptions ops;
    @Parameters(index = "0", paramLabel = "TOPIC", description = "results, dead-letters or input.")
    String topic;
    @Option(names = "--from", defaultValue = "beginning", paramLabel = "beginning|end|TIME",
            description = "Where to start: the beginning (default), the end, or an ISO time.")
    String from;
    @Option(names = {"-f", "--follow"}, description = "Keep printing new records until stopped.")
    boolean follow;
    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;
    @Option(names = "--status", split = ",", description = "Only this result status, e.g. FAILED.")
    Set<String> statuses = Set.of();
    @Option(names = "--read-uncommitted", description = "Show records of open and aborted transactions too.")
    boolean readUncommitted;

    @Override
    public Integer call() {
        Logging.toStandardError();
        Optional<WorkerConfig> loaded = ops.load();
        if (loaded.isEmpty()) {
            return Main.EXIT_BAD_CONFIG;
        }
        WorkerConfig settings = loaded.get();
        if (!from.equalsIgnoreCase("beginning") && !from.equalsIgnoreCase("end")) {
            try {
                Instant.parse(from);
            } catch (DateTimeParseException e) {
                System.err.println("groupsync: --from takes beginning, end or an ISO time such as "
                        + "2026-12-03T17:00:00Z, not " + from);
                return Main.EXIT_USAGE;
            }
        }
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        filters.put("group", ops.groups);
        filters.put("member", ops.members);
        filters.put("route", ops.routes);
        // Enum symbols: --status failed means FAILED.
        filters.put("status", OpsOptions.upper(statuses));
        filters.put("reason", ops.upperReasons());
        filters.put("event-id", ops.eventIds);
        Tailer tailer;
        try {
            tailer = new Tailer(settings.kafka(), settings.topics(), new Tailer.Options(topic, from, follow, json,
                    filters, !readUncommitted), System.out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("groupsync: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        try {
            return tailer.run();
        } catch (KafkaException e) {
            System.err.println("groupsync: Kafka: " + e.getMessage());
            return 1;
        }
    }
}
