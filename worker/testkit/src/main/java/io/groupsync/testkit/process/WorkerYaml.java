package io.groupsync.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Writes the YAML configuration of a worker process for the demo and the process-level tests. */
public final class WorkerYaml {

    private final String bootstrap;
    private String groupId = "groupsync";
    private String instanceId = "worker-1";
    private String input = "groupsync.changes";
    private String results = "groupsync.results";
    private String deadLetters = "groupsync.dead-letters";
    private String commitInterval = "100ms";
    private int metricsPort = -1;
    private final Map<String, String> pipeline = new LinkedHashMap<>();
    private final Map<String, String> dispatch = new LinkedHashMap<>();
    private final Map<String, String> http = new LinkedHashMap<>();
    private final Map<String, String> rateLimit = new LinkedHashMap<>();
    private final Map<String, String> consumer = new LinkedHashMap<>();
    private final Map<String, String> producer = new LinkedHashMap<>();
    private final List<String> routes = new ArrayList<>();

    public WorkerYaml(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    public WorkerYaml group(String group, String instance) {
        this.groupId = group;
        this.instanceId = instance;
        return this;
    }

    public WorkerYaml topics(String input, String results, String deadLetters) {
        this.input = input;
        this.results = results;
        this.deadLetters = deadLetters;
        return this;
    }

    public WorkerYaml commitInterval(String interval) {
        this.commitInterval = interval;
        return this;
    }

    /** Serves /metrics on this port (0: any free one; -1, the default: none). */
    public WorkerYaml metricsPort(int port) {
        this.metricsPort = port;
        return this;
    }

    /** Any other {@code pipeline.*} setting, e.g. {@code max-pending-keys}. */
    public WorkerYaml pipeline(String setting, String value) {
        pipeline.put(setting, value);
        return this;
    }

    /** A {@code dispatch.*} setting, e.g. {@code max-attempts}: the retry budget. */
    public WorkerYaml dispatch(String setting, String value) {
        dispatch.put(setting, value);
        return this;
    }

    /** An {@code http.*} setting, e.g. {@code call-timeout}. */
    public WorkerYaml http(String setting, String value) {
        http.put(setting, value);
        return this;
    }

    /** A {@code rate-limit.*} setting, e.g. {@code store: redis}: the buckets the instances share. */
    public WorkerYaml rateLimit(String setting, String value) {
        rateLimit.put(setting, value);
        return this;
    }

    public WorkerYaml consumer(String property, String value) {
        consumer.put(property, value);
        return this;
    }

    public WorkerYaml producer(String property, String value) {
        producer.put(property, value);
        return this;
    }

    public WorkerYaml tencentRoute(String name, URI endpoint, long sdkAppId, String identifier, String secret,
                                   int limit) {
        routes.add(String.join("\n",
                "  - name: " + name,
                "    vendor: " + VendorApis.TENCENT.configName(),
                "    endpoint: " + endpoint,
                "    sdk-app-id: " + sdkAppId,
                "    identifier: " + identifier,
                "    secret-key: \"" + secret + "\"",
                limits(VendorApis.TENCENT, limit)));
        return this;
    }

    /** {@code secret} is written as given, so a {@code ${file:…}} placeholder works as well as a literal. */
    public WorkerYaml openImRoute(String name, URI endpoint, String adminUserId, String secret, int limit) {
        routes.add(String.join("\n",
                "  - name: " + name,
                "    vendor: " + VendorApis.OPENIM.configName(),
                "    endpoint: " + endpoint,
                "    admin-user-id: " + adminUserId,
                "    secret: \"" + secret + "\"",
                limits(VendorApis.OPENIM, limit)));
        return this;
    }

    /** Without a backup endpoint: an emulator on loopback has no api-b twin. */
    public WorkerYaml rongCloudRoute(String name, URI endpoint, String appKey, String appSecret, int limit) {
        routes.add(String.join("\n",
                "  - name: " + name,
                "    vendor: " + VendorApis.RONGCLOUD.configName(),
                "    endpoint: " + endpoint,
                "    app-key: " + appKey,
                "    app-secret: \"" + appSecret + "\"",
                limits(VendorApis.RONGCLOUD, limit)));
        return this;
    }

    public String text() {
        List<String> lines = new ArrayList<>(List.of(
                "# Secrets inline: this file is written for a local run against emulators.",
                "allow-inline-secrets: true",
                "kafka:",
                "  bootstrap-servers: " + bootstrap,
                "  group-id: " + groupId,
                "  instance-id: " + instanceId));
        if (!consumer.isEmpty()) {
            lines.add("  consumer:");
            consumer.forEach((k, v) -> lines.add("    " + k + ": \"" + v + "\""));
        }
        if (!producer.isEmpty()) {
            lines.add("  producer:");
            producer.forEach((k, v) -> lines.add("    " + k + ": \"" + v + "\""));
        }
        lines.addAll(List.of(
                "topics:",
                "  input: " + input,
                "  results: " + results,
                "  dead-letters: " + deadLetters,
                "pipeline:",
                "  commit-interval: " + commitInterval));
        pipeline.forEach((k, v) -> lines.add("  " + k + ": " + v));
        section(lines, "dispatch", dispatch);
        section(lines, "http", http);
        section(lines, "rate-limit", rateLimit);
        lines.addAll(List.of(
                "metrics:",
                "  port: " + metricsPort,
                "routes:"));
        lines.addAll(routes);
        return String.join("\n", lines) + "\n";
    }

    private static void section(List<String> lines, String name, Map<String, String> settings) {
        if (!settings.isEmpty()) {
            lines.add(name + ":");
            settings.forEach((k, v) -> lines.add("  " + k + ": " + v));
        }
    }

    /** The same limit on every API the worker calls on the vendor. */
    private static String limits(VendorApis vendor, int limit) {
        StringJoiner apis = new StringJoiner(", ", "    limits: { ", " }");
        vendor.apis().forEach(api -> apis.add(api + ": " + limit));
        return apis.toString();
    }

    public Path write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
