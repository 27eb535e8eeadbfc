package io.groupsync.cli;

import io.groupsync.config.ConfigException;
import io.groupsync.config.WorkerConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * What {@code replay} and {@code tail} both take: the worker's configuration, for its brokers, topics and client
 * properties, and the filters on an event that both select by (a picocli mixin).
 */
final class OpsOptions {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The worker's YAML configuration.")
    Path config;
    @Option(names = "--route", split = ",", description = "Only this route (for a dead letter: the one that failed).")
    Set<String> routes = Set.of();
    @Option(names = "--reason", split = ",", description = "Only this dead-letter reason: VENDOR_PERMANENT, "
            + "RETRIES_EXHAUSTED, REJECTED, UNKNOWN_ROUTE, INVALID_EVENT, UNDECODABLE.")
    Set<String> reasons = Set.of();
    @Option(names = "--group", split = ",", description = "Only this group id.")
    Set<String> groups = Set.of();
    @Option(names = "--member", split = ",", description = "Only this member id (a member edit's).")
    Set<String> members = Set.of();
    @Option(names = "--event-id", split = ",", description = "Only this event.")
    Set<String> eventIds = Set.of();

    /** The configuration, or empty after saying on stderr why it cannot be read. */
    Optional<WorkerConfig> load() {
        try {
            return Optional.of(WorkerConfig.load(config, System.getenv()));
        } catch (ConfigException e) {
            System.err.println("groupsync: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The reasons as the enum spells them, whatever case they were given in. */
    Set<String> upperReasons() {
        return upper(reasons);
    }

    static Set<String> upper(Set<String> values) {
        return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
