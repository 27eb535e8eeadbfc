package io.groupsync.config;

import static io.groupsync.config.ValueType.BOOLEAN;
import static io.groupsync.config.ValueType.DURATION;
import static io.groupsync.config.ValueType.INT;
import static io.groupsync.config.ValueType.TEXT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting outside {@code routes}, each a constant with its doc, default and rule, in the habit of Kafka's
 * {@code ConsumerConfig}. The reader, the unknown-key check and {@link WorkerConfig#describe()} all work from this
 * table and {@link RouteSettings}, so a setting added here is read, validated and documented at once.
 *
 * <p>Kafka's own {@code ConfigDef} is not used: it is flat (no lists of routes), stops at the first bad value where
 * we report all of them, and would tie the worker's settings to the client library's release.
 */
public final class Settings {

    private Settings() {
    }

    // Declared before the settings: static initialisers run in order and the settings' checks capture these.
    private static final Pattern HOST_PORT =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\\d{1,5})");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    public static final Setting<Boolean> ALLOW_INLINE_SECRETS = Setting.define("allow-inline-secrets", BOOLEAN)
            .defaultValue(false)
            .doc("Accept secrets written literally in this file. For demos and tests only: deployments take secrets "
                    + "from ${env:NAME} or ${file:/path} so the file itself holds none.");

    // ---- kafka
    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = Setting.define("kafka.bootstrap-servers", TEXT)
            .check(Settings::hostPortList)
            .doc("Comma-separated host:port pairs of brokers to bootstrap from.");
    public static final Setting<String> KAFKA_GROUP_ID = Setting.define("kafka.group-id", TEXT)
            .defaultValue("groupsync")
            .doc("Consumer group shared by all instances; they split the input partitions between them.");
    public static final Setting<String> KAFKA_INSTANCE_ID = Setting.define("kafka.instance-id", TEXT)
            .computedDefault("the host name ($HOSTNAME, else the local host's name)")
            .check(Check.matches(Pattern.compile("[A-Za-z0-9._-]{1,200}"), "must be 1-200 of A-Z, a-z, 0-9, . _ -"))
            .doc("This instance's name, stable across its restarts: it suffixes the transactional.id, so a restart "
                    + "fences its predecessor's unfinished transactions. No two live instances may share it.");
    public static final NestedSetting KAFKA_CONSUMER = new NestedSetting("kafka.consumer", "map", "{}",
            "Extra KafkaConsumer properties, passed through. The ones groupsync sets itself are refused: "
                    + String.join(", ", KafkaConfig.OWNED_CONSUMER_PROPERTIES.keySet()) + ".");
    public static final NestedSetting KAFKA_PRODUCER = new NestedSetting("kafka.producer", "map", "{}",
            "Extra KafkaProducer properties, passed through. The ones groupsync sets itself are refused: "
                    + String.join(", ", KafkaConfig.OWNED_PRODUCER_PROPERTIES.keySet()) + ".");

    // ---- topics
    public static final Setting<String> TOPICS_INPUT = topic("topics.input", "groupsync.changes",
            "Topic of GroupChange events to consume.");
    public static final Setting<String> TOPICS_RESULTS = topic("topics.results", "groupsync.results",
            "Topic for one SyncResult per event and route.");
    public static final Setting<String> TOPICS_DEAD_LETTERS = topic("topics.dead-letters", "groupsync.dead-letters",
            "Topic for records that cannot succeed, kept replayable.");

    // ---- pipeline
    public static final Setting<Duration> PIPELINE_COMMIT_INTERVAL =
            Setting.define("pipeline.commit-interval", DURATION)
                    .defaultValue(Duration.ofMillis(100)).check(Check.positive())
                    .doc("How often finished outcomes and their offsets are committed in one transaction. Shorter "
                            + "redoes less after a crash and costs more transactions.");
    public static final Setting<Integer> PIPELINE_MAX_PENDING_KEYS =
            Setting.define("pipeline.max-pending-keys", INT)
                    .computedDefault("15% of the max heap at 1.5 KB a key, at most 100000").check(Check.atLeast(1))
                    .doc("Cap on (route, group, target) keys waiting or in flight; at the cap the consumer pauses.");
    public static final Setting<Integer> PIPELINE_RESUME_PENDING_KEYS =
            Setting.define("pipeline.resume-pending-keys", INT)
                    .computedDefault("80% of pipeline.max-pending-keys").check(Check.atLeast(0))
                    .doc("Paused partitions resume once pending keys fall below this; the gap to the cap stops "
                            + "pause/resume flapping. Must be below pipeline.max-pending-keys.");
    public static final Setting<Integer> PIPELINE_MAX_PENDING_RECORDS =
            Setting.define("pipeline.max-pending-records", INT)
                    .computedDefault("45% of the max heap at 1.1 KB a record, at most 250000")
                    .check(Check.atLeast(1))
                    .doc("Cap on consumed records whose outcomes are not yet committed; at the cap the consumer "
                            + "pauses.");
    public static final Setting<Duration> PIPELINE_BACKLOG_HOLD =
            Setting.define("pipeline.backlog-hold", DURATION)
                    .defaultValue(Duration.ofSeconds(30)).check(Check.notNegative())
                    .doc("Once a partition lags by more than 1000"
                            + " records, its keys wait until it has read everything there is, up to this long, "
                            + "before their first call, so edits still unread are merged into it rather than sent "
                            + "again; meanwhile lagging partitions are read one at a time. 0 never waits, and reads "
                            + "them side by side.");
    public static final Setting<Duration> PIPELINE_SETTLE_TIMEOUT =
            Setting.define("pipeline.settle-timeout", DURATION)
                    .defaultValue(Duration.ofSeconds(15)).check(Check.notNegative())
                    .doc("On a revoke or shutdown, how long to wait for in-flight vendor calls before committing "
                            + "what finished; the next owner redoes the rest.");
    public static final Setting<Integer> PIPELINE_OFFSET_METADATA_MAX_BYTES =
            Setting.define("pipeline.offset-metadata-max-bytes", INT)
                    .defaultValue(4000).check(Check.atLeast(256))
                    .doc("Bytes of commit metadata for remembering events finished above the committed offset. "
                            + "Must not exceed the broker's offset.metadata.max.bytes (4096 by default).");

    // ---- dispatch
    public static final Setting<Integer> DISPATCH_MAX_IN_FLIGHT_PER_ROUTE =
            Setting.define("dispatch.max-in-flight-per-route", INT)
                    .defaultValue(64).check(Check.atLeast(1))
                    .doc("Vendor calls in flight at once on one route.");
    public static final Setting<Integer> DISPATCH_MAX_ATTEMPTS = Setting.define("dispatch.max-attempts", INT)
            .defaultValue(10).check(Check.atLeast(1))
            .doc("Sends of one request before its events are dead-lettered as retries exhausted.");
    public static final Setting<Duration> DISPATCH_INITIAL_BACKOFF =
            Setting.define("dispatch.initial-backoff", DURATION)
                    .defaultValue(Duration.ofMillis(200)).check(Check.positive())
                    .doc("Wait before the first retry; each later retry doubles it, with jitter.");
    public static final Setting<Duration> DISPATCH_MAX_BACKOFF = Setting.define("dispatch.max-backoff", DURATION)
            .defaultValue(Duration.ofSeconds(30)).check(Check.positive())
            .doc("Longest wait between retries. At least dispatch.initial-backoff.");

    // ---- http
    public static final Setting<Duration> HTTP_CONNECT_TIMEOUT = Setting.define("http.connect-timeout", DURATION)
            .defaultValue(Duration.ofSeconds(5)).check(Check.positive())
            .doc("Deadline for opening a connection to a vendor.");
    public static final Setting<Duration> HTTP_CALL_TIMEOUT = Setting.define("http.call-timeout", DURATION)
            .defaultValue(Duration.ofSeconds(10)).check(Check.positive())
            .doc("Deadline for one whole vendor call, connect to last byte; a timed-out call is retried.");

    // ---- shutdown, metrics
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.define("shutdown.timeout", DURATION)
            .defaultValue(Duration.ofSeconds(30)).check(Check.positive())
            .doc("On SIGTERM, time to settle, commit and close. At least pipeline.settle-timeout; keep it under "
                    + "the orchestrator's grace period.");
    public static final Setting<Integer> METRICS_PORT = Setting.define("metrics.port", INT)
            .defaultValue(9400).check(Check.between(-1, 65_535))
            .doc("Port of the Prometheus /metrics and /health endpoints; 0 picks a free port, -1 turns them off.");

    public static final NestedSetting ROUTES = new NestedSetting("routes", "list", "required",
            "The vendor apps to keep in step, at least one. Each route names a vendor and its settings below.");

    /** Every setting, in the order of the example file. */
    public static final List<SettingInfo> ALL = all();

    private static List<SettingInfo> all() {
        List<SettingInfo> all = new ArrayList<>(List.of(ALLOW_INLINE_SECRETS,
                KAFKA_BOOTSTRAP_SERVERS, KAFKA_GROUP_ID, KAFKA_INSTANCE_ID, KAFKA_CONSUMER, KAFKA_PRODUCER,
                TOPICS_INPUT, TOPICS_RESULTS, TOPICS_DEAD_LETTERS,
                PIPELINE_COMMIT_INTERVAL, PIPELINE_MAX_PENDING_KEYS, PIPELINE_RESUME_PENDING_KEYS,
                PIPELINE_MAX_PENDING_RECORDS, PIPELINE_SETTLE_TIMEOUT, PIPELINE_OFFSET_METADATA_MAX_BYTES,
                PIPELINE_BACKLOG_HOLD,
                DISPATCH_MAX_IN_FLIGHT_PER_ROUTE, DISPATCH_MAX_ATTEMPTS, DISPATCH_INITIAL_BACKOFF, DISPATCH_MAX_BACKOFF,
                HTTP_CONNECT_TIMEOUT, HTTP_CALL_TIMEOUT, SHUTDOWN_TIMEOUT, METRICS_PORT, ROUTES));
        all.addAll(RouteSettings.ALL);
        return List.copyOf(all);
    }

    /** The keys a section may hold, for a route section those of its vendor; drives the unknown-key check. */
    static List<String> keysOf(String section, VendorKind vendor) {
        String prefix = section.isEmpty() ? "" : section + ".";
        return ALL.stream()
                .filter(s -> s.name().startsWith(prefix))
                .filter(s -> vendor == null || s.vendors().isEmpty() || s.vendors().contains(vendor))
                .map(s -> s.name().substring(prefix.length()).split("\\.")[0])
                .filter(key -> !key.endsWith("[]")) // routes[] is the list's items, not a key of the top level
                .distinct()
                .toList();
    }

    /** A Markdown table of every setting, for the README and {@code groupsync config --describe}. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| setting | vendors | type | default | environment | doc |\n")
                .append("|---|---|---|---|---|---|\n");
        for (SettingInfo s : ALL) {
            String vendors = s.vendors().isEmpty() ? "" : String.join(", ", s.vendors().stream()
                    .sorted().map(VendorKind::configName).toList());
            table.append("| ").append(String.join(" | ", cell(s.name()), cell(vendors), cell(s.typeName()),
                    cell(s.defaultText()), cell(s.envVar()), cell(s.doc()))).append(" |\n");
        }
        return table.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static Setting<String> topic(String name, String defaultTopic, String doc) {
        return Setting.define(name, TEXT).defaultValue(defaultTopic)
                .check(Check.matches(TOPIC, "is not a Kafka topic name (1-249 of A-Z, a-z, 0-9, . _ -)"))
                .doc(doc);
    }

    private static Optional<String> hostPortList(String servers) {
        for (String server : servers.split(",", -1)) {
            Matcher m = HOST_PORT.matcher(server.trim());
            if (!m.matches()) {
                return Optional.of(ValueType.quote(server.trim()) + " is not host:port");
            }
            int port = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65_535) {
                return Optional.of(ValueType.quote(server.trim()) + " has a port outside 1-65535");
            }
        }
        return Optional.empty();
    }
}
