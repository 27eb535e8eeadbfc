package io.groupsync.cli;

import io.groupsync.config.WorkerConfig;
import io.groupsync.ops.ReplayPlan;
import io.groupsync.ops.Replayer;
import io.groupsync.ops.Selection;
import io.groupsync.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code groupsync replay}: republishes selected dead letters to the routes that failed, exactly once. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays dead letters to the route that failed, or parks them. A dry run by default: it "
                + "counts what it would do. With --execute each selected dead letter is written once, in Kafka "
                + "transactions holding the replay group's offsets: run again after a kill, it goes on where it was.",
                "Filters take several values (repeat, or separate with commas); a dead letter must match each "
                        + "filter given."})
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    OpsOptions ops;
    @Option(names = "--dry-run", description = "Only count and show what --execute would do (the default).")
    boolean dryRun;
    @Option(names = "--execute", description = "Write the replays (and parked records).")
    boolean execute;
    @Option(names = "--vendor", split = ",", description = "TENCENT, OPENIM or RONGCLOUD.")
    Set<String> vendors = Set.of();
    @Option(names = "--vendor-code", split = ",", description = "The vendor's own result code.")
    Set<String> vendorCodes = Set.of();
    @Option(names = "--http-status", split = ",", description = "The HTTP status of the last call.")
    Set<String> httpStatuses = Set.of();
    @Option(names = "--from", paramLabel = "TIME", description = "Dead letters written at or after this ISO time.")
    Instant from;
    @Option(names = "--until", paramLabel = "TIME", description = "Dead letters written before this ISO time.")
    Instant until;
    @Option(names = "--source-partition", defaultValue = "-1",
            description = "The input partition the edit was first published to.")
    int sourcePartition;
    @Option(names = "--source-offsets", paramLabel = "FIRST..LAST",
            description = "Its offsets in that partition, both included.")
    String sourceOffsets;
    @Option(names = "--to", paramLabel = "TOPIC", description = "Republish here instead of each record's own topic.")
    String to;
    @Option(names = "--allow-other-topic", description = "Let --to name a topic the record was not read from.")
    boolean allowOtherTopic;
    @Option(names = "--max-replays", defaultValue = "3",
            description = "Replays a record gets; a dead letter of its last one is parked (default: ${DEFAULT-VALUE}).")
    int maxReplays;
    @Option(names = "--park", description = "Park the selection instead of replaying it, e.g. a deleted group's.")
    boolean park;
    @Option(names = "--park-reason", paramLabel = "TEXT", description = "Why, written with each parked record.")
    String parkReason;
    @Option(names = "--parking-topic", paramLabel = "TOPIC",
            description = "Where parked records go (default: the dead-letter topic + .parked).")
    String parkingTopic;
    @Option(names = "--rate", defaultValue = "50", description = "Most records written per second (default: "
            + "${DEFAULT-VALUE}): the vendors' quotas are shared with the running workers.")
    double rate;
    @Option(names = "--batch", defaultValue = "100", hidden = true, description = "Most records per transaction.")
    int batch;
    @Option(names = "--replay-group", paramLabel = "NAME", description = "The replay's consumer group (default: "
            + "named after the selection, so the same selection run again goes on where it stopped).")
    String replayGroup;

    @Override
    public Integer call() throws InterruptedException {
        Logging.toStandardError();
        Optional<WorkerConfig> loaded = ops.load();
        if (loaded.isEmpty()) {
            return Main.EXIT_BAD_CONFIG;
        }
        WorkerConfig settings = loaded.get();
        if (execute && dryRun) {
            System.err.println("groupsync: --dry-run and --execute exclude each other");
            return Main.EXIT_USAGE;
        }
        if (rate <= 0 || batch <= 0 || maxReplays < 1) {
            System.err.println("groupsync: --rate and --batch must be positive, --max-replays at least 1");
            return Main.EXIT_USAGE;
        }
        long[] offsets = null;
        if (sourceOffsets != null) {
            String[] range = sourceOffsets.split("\\.\\.", -1);
            try {
                offsets = new long[] {Long.parseLong(range[0].trim()), Long.parseLong(range[1].trim())};
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                System.err.println("groupsync: --source-offsets takes FIRST..LAST, e.g. 100..250");
                return Main.EXIT_USAGE;
            }
        }
        Selection selection = new Selection(ops.routes, OpsOptions.upper(vendors), ops.upperReasons(), vendorCodes,
                httpStatuses, ops.groups, ops.members, ops.eventIds, from, until, sourcePartition, offsets);
        ReplayPlan plan = new ReplayPlan(selection, to, allowOtherTopic, maxReplays, park, parkReason);
        String deadLetters = settings.topics().deadLetters();
        String group = replayGroup != null ? replayGroup : settings.kafka().groupId() + "-replay-"
                + digest(selection.describe() + "|" + to + "|" + park);
        System.err.println("replay group " + group + " on " + deadLetters);
        try {
            return new Replayer(settings.kafka(), plan, new Replayer.Options(deadLetters,
                    parkingTopic != null ? parkingTopic : deadLetters + ".parked", group, execute, rate, batch),
                    Clock.system(), System.out, System.err).run();
        } catch (ProducerFencedException e) {
            System.err.println("groupsync: another replay of group " + group + " started and took over; this one "
                    + "stopped, its open transaction aborted");
            return 1;
        } catch (KafkaException e) {
            System.err.println("groupsync: Kafka: " + e.getMessage());
            return 1;
        }
    }

    /** Short and stable: the group of a selection must be the same on every run of it. */
    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
