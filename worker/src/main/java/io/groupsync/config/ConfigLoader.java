package io.groupsync.config;

import static io.groupsync.config.Settings.*;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Turns the file's text and the environment into a {@link WorkerConfig}, section by section, collecting every
 * problem before throwing one {@link ConfigException}. Rules that relate two settings are checked here, next to
 * both values, and name the setting an operator should change.
 */
final class ConfigLoader {

    private final Problems problems = new Problems();
    private final Map<String, String> env;
    private final EnvOverrides overrides;
    private final SettingReader reader;

    private ConfigLoader(Map<String, String> env, Path baseDir) {
        this.env = env;
        this.overrides = new EnvOverrides(env);
        this.reader = new SettingReader(problems, overrides, new Placeholders(env, baseDir));
    }

    static WorkerConfig load(String yaml, Map<String, String> env, Path baseDir) {
        return new ConfigLoader(env, baseDir).read(yaml);
    }

    private WorkerConfig read(String yaml) {
        Section root = Section.root(YamlTree.parse(yaml, problems));
        root.reportUnknown(problems); // first: a misspelt section (kafak:) causes the "required" problems after it
        reader.allowInlineSecrets(Boolean.TRUE.equals(reader.read(root, ALLOW_INLINE_SECRETS)));
        KafkaConfig kafka = kafka(root.child("kafka", problems));
        TopicConfig topics = topics(root.child("topics", problems));
        PipelineConfig pipeline = pipeline(root.child("pipeline", problems));
        DispatchConfig dispatch = dispatch(root.child("dispatch", problems));
        HttpConfig http = http(root.child("http", problems));
        ShutdownConfig shutdown = shutdown(root.child("shutdown", problems), pipeline);
        MetricsConfig metrics = metrics(root.child("metrics", problems));
        List<RouteConfig> routes = new RouteReader(reader, problems).read(root);
        overrides.reportStrays(problems);
        problems.throwIfAny();
        return new WorkerConfig(kafka, topics, pipeline, dispatch, http, shutdown, metrics, routes);
    }

    private KafkaConfig kafka(Section s) {
        int before = problems.count();
        String servers = reader.read(s, KAFKA_BOOTSTRAP_SERVERS);
        String groupId = reader.read(s, KAFKA_GROUP_ID);
        String instanceId = reader.origin(s, KAFKA_INSTANCE_ID) == SettingReader.Origin.NONE
                ? hostName() : reader.read(s, KAFKA_INSTANCE_ID);
        Map<String, String> consumer = passThrough(s, KAFKA_CONSUMER, KafkaConfig.OWNED_CONSUMER_PROPERTIES,
                ConsumerConfig.configDef());
        Map<String, String> producer = passThrough(s, KAFKA_PRODUCER, KafkaConfig.OWNED_PRODUCER_PROPERTIES,
                ProducerConfig.configDef());
        s.reportUnknown(problems);
        return problems.count() > before ? null
                : new KafkaConfig(servers.trim().replaceAll("\\s*,\\s*", ","), groupId, instanceId, consumer, producer);
    }

    /**
     * The default instance id. HOSTNAME first: in a container it is the pod or container name, which is what a
     * stable identity means there, and reading it needs no DNS lookup.
     */
    private String hostName() {
        String host = env.get("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                problems.add(KAFKA_INSTANCE_ID.name(), "not set and the host name is unknown; set it");
                return null;
            }
        }
        String id = host.trim();
        KAFKA_INSTANCE_ID.problem(id).ifPresent(p -> problems.add(KAFKA_INSTANCE_ID.name(),
                "defaults to the host name, but " + p + "; set it"));
        return id;
    }

    private Map<String, String> passThrough(Section kafka, NestedSetting setting, Map<String, String> owned,
                                            ConfigDef client) {
        Section section = kafka.child(setting.key(), problems);
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, Object> property : section.values().entrySet()) {
            String key = property.getKey();
            String name = section.fullName(key);
            if (owned.containsKey(key)) {
                problems.add(name, "set by groupsync itself (" + owned.get(key) + "); remove it");
                continue;
            }
            boolean secret = isSecretProperty(key);
            String value = reader.passThrough(name, property.getValue(), secret);
            if (value != null) {
                // A secret is not checked: Kafka's message would quote it.
                kafkaRefusal(client, key, value).filter(p -> !secret).ifPresent(p -> problems.add(name, p));
                properties.put(key, value);
            }
        }
        return properties;
    }

    /**
     * What the Kafka client would refuse in this value when built, for a property it knows: found here, it stops
     * start-up (and {@code config --check}) naming the setting, instead of a stack trace from the client. A
     * property Kafka does not know is passed on; Kafka ignores it with a warning.
     */
    private static Optional<String> kafkaRefusal(ConfigDef client, String key, String value) {
        ConfigDef.ConfigKey known = client.configKeys().get(key);
        if (known == null) {
            return Optional.empty();
        }
        try {
            Object parsed = ConfigDef.parseType(key, value, known.type);
            if (known.validator != null) {
                known.validator.ensureValid(key, parsed);
            }
            return Optional.empty();
        } catch (org.apache.kafka.common.config.ConfigException e) {
            return Optional.of("Kafka refuses it: " + e.getMessage());
        }
    }

    /** Kafka's password-typed client properties that come up in practice: SASL login and SSL store passwords. */
    private static boolean isSecretProperty(String key) {
        return key.equals("sasl.jaas.config") || key.endsWith(".password");
    }

    private TopicConfig topics(Section s) {
        int before = problems.count();
        String input = reader.read(s, TOPICS_INPUT);
        String results = reader.read(s, TOPICS_RESULTS);
        String deadLetters = reader.read(s, TOPICS_DEAD_LETTERS);
        s.reportUnknown(problems);
        if (problems.count() > before) {
            return null;
        }
        // Writing results or dead letters into the input would feed the worker its own output.
        if (results.equals(input)) {
            problems.add(TOPICS_RESULTS.name(), "must differ from topics.input (both '" + input + "')");
        }
        if (deadLetters.equals(input) || deadLetters.equals(results)) {
            problems.add(TOPICS_DEAD_LETTERS.name(), "must differ from topics.input and topics.results");
        }
        return problems.count() > before ? null : new TopicConfig(input, results, deadLetters);
    }

    private PipelineConfig pipeline(Section s) {
        int before = problems.count();
        Duration commitInterval = reader.read(s, PIPELINE_COMMIT_INTERVAL);
        Integer maxKeys = reader.read(s, PIPELINE_MAX_PENDING_KEYS);
        Integer resumeKeys = reader.read(s, PIPELINE_RESUME_PENDING_KEYS);
        Integer maxRecords = reader.read(s, PIPELINE_MAX_PENDING_RECORDS);
        Duration settle = reader.read(s, PIPELINE_SETTLE_TIMEOUT);
        Integer metadataBytes = reader.read(s, PIPELINE_OFFSET_METADATA_MAX_BYTES);
        Duration backlogHold = reader.read(s, PIPELINE_BACKLOG_HOLD);
        s.reportUnknown(problems);
        if (problems.count() > before) {
            return null;
        }
        PendingCaps caps = PendingCaps.forThisJvm();
        maxKeys = maxKeys != null ? maxKeys : caps.keys();
        maxRecords = maxRecords != null ? maxRecords : caps.records();
        int resume = resumeKeys != null ? resumeKeys : (int) (maxKeys * 8L / 10);
        if (resume >= maxKeys) {
            problems.add(PIPELINE_RESUME_PENDING_KEYS.name(),
                    "must be below pipeline.max-pending-keys (" + maxKeys + "), got " + resume);
            return null;
        }
        return new PipelineConfig(commitInterval, maxKeys, resume, maxRecords, settle, metadataBytes, backlogHold);
    }

    private DispatchConfig dispatch(Section s) {
        int before = problems.count();
        Integer inFlight = reader.read(s, DISPATCH_MAX_IN_FLIGHT_PER_ROUTE);
        Integer attempts = reader.read(s, DISPATCH_MAX_ATTEMPTS);
        Duration initial = reader.read(s, DISPATCH_INITIAL_BACKOFF);
        Duration max = reader.read(s, DISPATCH_MAX_BACKOFF);
        s.reportUnknown(problems);
        if (problems.count() > before) {
            return null;
        }
        if (max.compareTo(initial) < 0) {
            problems.add(DISPATCH_MAX_BACKOFF.name(), "must be at least dispatch.initial-backoff ("
                    + ValueType.formatDuration(initial) + "), got " + ValueType.formatDuration(max));
            return null;
        }
        return new DispatchConfig(inFlight, attempts, initial, max);
    }

    private HttpConfig http(Section s) {
        int before = problems.count();
        HttpConfig http = new HttpConfig(reader.read(s, HTTP_CONNECT_TIMEOUT), reader.read(s, HTTP_CALL_TIMEOUT));
        s.reportUnknown(problems);
        return problems.count() > before ? null : http;
    }

    private ShutdownConfig shutdown(Section s, PipelineConfig pipeline) {
        int before = problems.count();
        Duration timeout = reader.read(s, SHUTDOWN_TIMEOUT);
        s.reportUnknown(problems);
        if (problems.count() > before) {
            return null;
        }
        // A shutdown shorter than the settle wait would cut the settle short every time.
        if (pipeline != null && timeout.compareTo(pipeline.settleTimeout()) < 0) {
            problems.add(SHUTDOWN_TIMEOUT.name(), "must be at least pipeline.settle-timeout ("
                    + ValueType.formatDuration(pipeline.settleTimeout()) + "), got "
                    + ValueType.formatDuration(timeout));
            return null;
        }
        return new ShutdownConfig(timeout);
    }

    private MetricsConfig metrics(Section s) {
        int before = problems.count();
        Integer port = reader.read(s, METRICS_PORT);
        s.reportUnknown(problems);
        return problems.count() > before ? null : new MetricsConfig(port);
    }
}
