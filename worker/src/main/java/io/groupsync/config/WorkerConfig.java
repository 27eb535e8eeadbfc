package io.groupsync.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's settings, read once from one YAML file plus environment overrides and immutable afterwards: one record
 * per concern, each handed whole to the component that uses it. The records are also the settings table: each
 * setting is a component marked {@link Setting}, named as in the file. Build it with {@link #load} or {@link #parse};
 * both throw a {@link ConfigException} listing every problem at once.
 *
 * @param routes at least one, names unique, in file order
 */
public record WorkerConfig(
        @Setting(byDefault = "false", doc = "Accept secrets written literally in this file. For demos and tests only: "
                + "deployments take secrets from ${env:NAME} or ${file:/path} so the file itself holds none.")
        boolean allowInlineSecrets,
        KafkaConfig kafka, TopicConfig topics, PipelineConfig pipeline, DispatchConfig dispatch, HttpConfig http,
        ShutdownConfig shutdown, MetricsConfig metrics, LogConfig log, RegistryConfig registry,
        RateLimitConfig rateLimit,
        @Setting(doc = "The vendor apps to keep in step, at least one. Each route names a vendor and its settings below.")
        List<RouteConfig> routes) {

    public WorkerConfig {
        routes = List.copyOf(routes);
    }

    /**
     * Reads the config file. A relative {@code ${file:}} path starts at the file's directory, so a secret mounted
     * beside the config can be named by its file name.
     *
     * @param env the process environment ({@code System.getenv()}), injected so tests need not touch the real one
     */
    public static WorkerConfig load(Path file, Map<String, String> env) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the config file: " + Placeholders.why(e));
        }
        return ConfigLoader.load(yaml, env, file.toAbsolutePath().getParent());
    }

    /** Reads config text; a relative {@code ${file:}} path starts at the working directory. */
    public static WorkerConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.load(yaml, env, null);
    }

    /** Every setting with its type, default, environment variable and doc, in the order of the example file. */
    public static List<SettingInfo> describe() {
        return Settings.ALL;
    }

    /**
     * What may work but probably does not, one line each, starting with the setting's name: a limit above the
     * vendor's documented quota. {@code config --check} prints them and {@code run} logs them; neither refuses.
     */
    public List<String> warnings() {
        return QuotaWarnings.of(routes);
    }

    public Optional<RouteConfig> route(String name) {
        return routes.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
