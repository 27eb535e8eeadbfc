package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret's value never shows in a message, a stack trace or a toString, wherever it was put. */
class SecretHandlingTest {

    private static final String SECRET = "s3cr3t-VALUE-8841";

    @TempDir
    Path dir;

    @Test
    void aSecretPrintsAsStars() {
        Secret secret = Secret.of(SECRET);
        assertThat(secret).hasToString("Secret[****]");
        assertThat(secret.reveal()).isEqualTo(SECRET);
    }

    @Test
    void noSecretAppearsInTheToStringOfAValidConfig() throws IOException {
        Path file = Files.writeString(dir.resolve("jaas"), "password=\"" + SECRET + "\";\n");
        Map<String, String> env = new HashMap<>(Map.of(
                "TENCENT_SECRET_KEY", SECRET, "OPENIM_SECRET", SECRET, "RONG_SECRET", SECRET));
        String yaml = Configs.FULL.replace("producer: { linger.ms: 5 }",
                "producer: { sasl.jaas.config: \"${file:" + file + "}\", ssl.key.password: \"${env:RONG_SECRET}\" }");

        WorkerConfig config = WorkerConfig.parse(yaml, env);

        assertThat(config.kafka().producer().get("sasl.jaas.config")).contains(SECRET);
        assertThat(config.toString()).doesNotContain(SECRET).contains("Secret[****]").contains("sasl.jaas.config");
        config.routes().forEach(route -> assertThat(route.toString()).doesNotContain(SECRET));
    }

    @Test
    void noSecretAppearsInAnyProblemWhereverItWasWritten() throws IOException {
        Path big = Files.write(dir.resolve("big"), new byte[Placeholders.MAX_FILE_BYTES + 1]);
        String yaml = """
                kafka:
                  bootstrap-servers: "127.0.0.1:9092"
                  consumer: { ssl.truststore.password: %1$s, sasl.jaas.config: [ %1$s ], sasl.password:%1$s }
                routes:
                  - name: t
                    vendor: tencent
                    region: china
                    sdk-app-id: 1
                    identifier: admin
                    secret-key: %1$s
                    secretkey: %1$s
                    app-secret: %1$s
                    limits: { forbid_send_msg:%1$s, modify_group_base_info=%1$s }
                  - name: o
                    vendor: openim
                    endpoint: "http://admin:%1$s@openim:10002"
                    secret: { value: %1$s }
                  - name: r
                    vendor: rongcloud
                    region: china
                    app-key: k
                    app-secret: "${file:%2$s}"
                """.formatted(SECRET, big);
        Map<String, String> env = Map.of(
                "GROUPSYNC_ROUTES_O_SECRET", SECRET,
                "GROUPSYNC_ROUTES_X_SECRET", SECRET,
                "GROUPSYNC_PIPELINE_SETTLE_TIMEOUT", "-1s");

        assertThatThrownBy(() -> WorkerConfig.parse(yaml, env))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(10);
                    assertNoSecretIn(e);
                });
    }

    @Test
    void noSecretAppearsInAYamlSyntaxError() {
        String yaml = "kafka:\n  bootstrap-servers: a:1\n secret-key: " + SECRET + ": [\n";
        assertThatThrownBy(() -> WorkerConfig.parse(yaml, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.getMessage()).startsWith("config: not valid YAML at line 3");
                    assertNoSecretIn(e);
                });
    }

    private static void assertNoSecretIn(ConfigException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(e.getMessage()).doesNotContain(SECRET);
        assertThat(e.toString()).doesNotContain(SECRET);
        assertThat(trace.toString()).doesNotContain(SECRET);
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain(SECRET));
    }
}
