package io.groupsync.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the file's text and the environment into a {@link WorkerConfig}, section by section, each into its record
 * with that record's rules, collecting every problem before throwing one {@link ConfigException}.
 */
final class ConfigLoader {

    final Problems problems = new Problems();
    final EnvOverrides env;
    final Placeholders placeholders;
    final Map<String, String> environment;
    /** Full setting name → where its value came from, for each value a message must not quote (see ValueTypes). */
    final Map<String, String> hidden = new HashMap<>();
    boolean allowInlineSecrets;

    private ConfigLoader(Map<String, String> env, Path baseDir) {
        this.environment = env;
        this.env = new EnvOverrides(env);
        this.placeholders = new Placeholders(env, baseDir);
    }

    static WorkerConfig load(String yaml, Map<String, String> env, Path baseDir) {
        return new ConfigLoader(env, baseDir).read(yaml);
    }

    /** The record as a file that leaves all its settings out would give: for {@code defaults()} in tests. */
    static <R> R defaults(Class<R> type, Consumer<Section> rules) {
        ConfigLoader loader = new ConfigLoader(Map.of(), null);
        R record = loader.root(Map.of()).read(type, rules);
        loader.problems.throwIfAny();
        return record;
    }

    private Section root(Map<String, Object> file) {
        return new Section(this, "", EnvOverrides.PREFIX, file);
    }

    private WorkerConfig read(String yaml) {
        Section root = root(YamlTree.parse(yaml, problems));
        // First: a misspelt section (kafak:) causes the "required" problems after it.
        root.reportUnknown(Section.keys(WorkerConfig.class), key -> "unknown setting");
        root.readSettings(WorkerConfig.class);
        allowInlineSecrets = Boolean.TRUE.equals(root.get("allow-inline-secrets"));
        KafkaConfig kafka = root.child("kafka").read(KafkaConfig.class, s -> KafkaConfig.complete(s, environment));
        TopicConfig topics = root.child("topics").read(TopicConfig.class, TopicConfig::complete);
        Section pipelineSection = root.child("pipeline");
        PipelineConfig pipeline = pipelineSection.read(PipelineConfig.class, PipelineConfig::complete);
        DispatchConfig dispatch = root.child("dispatch").read(DispatchConfig.class, DispatchConfig::complete);
        HttpConfig http = root.child("http").read(HttpConfig.class, s -> { });
        ShutdownConfig shutdown = root.child("shutdown").read(ShutdownConfig.class,
                s -> ShutdownConfig.complete(s, pipeline));
        if (pipeline != null && kafka != null) {
            PipelineConfig.withinTransactionTimeout(pipelineSection, pipeline, kafka.transactionTimeout());
        }
        MetricsConfig metrics = root.child("metrics").read(MetricsConfig.class, s -> { });
        LogConfig log = root.child("log").read(LogConfig.class, s -> { });
        RegistryConfig registry = root.child("registry").read(RegistryConfig.class, RegistryConfig::complete);
        RateLimitConfig rateLimit = root.child("rate-limit").read(RateLimitConfig.class, RateLimitConfig::complete);
        List<RouteConfig> routes = RouteReader.read(root);
        env.reportStrays(problems);
        problems.throwIfAny();
        return new WorkerConfig(allowInlineSecrets, kafka, topics, pipeline, dispatch, http, shutdown, metrics, log,
                registry, rateLimit, routes);
    }
}
