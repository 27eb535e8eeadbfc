package io.groupsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.process.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code groupsync config --check FILE} as an operator runs it: errors on standard error without the values that
 * came from placeholders, and warnings (a limit above the vendor's documented quota) on standard error with exit 0;
 * {@code run} logs the same warnings.
 */
class ConfigCheckTest {

    private static final String LEAK = "EnvSecret-Q1w2E3r4";

    private static final String CONFIG = """
            kafka:
              bootstrap-servers: %s
              producer: { linger.ms: "${env:LINGER}" }
            routes:
              - name: tencent-cn
                vendor: tencent
                endpoint: %s
                sdk-app-id: ${env:APP_ID}
                identifier: administrator
                secret-key: ${env:TENCENT_KEY}
                limits: { modify_group_base_info: 5000 }
            """;

    @TempDir
    Path home;

    @Test
    void anErrorInAValueFromAPlaceholderNamesThePlaceholderNotTheValue() throws Exception {
        CliRun run = check(CONFIG.formatted("127.0.0.1:9092", "https://console.tim.qq.com"),
                Map.of("LINGER", LEAK, "APP_ID", LEAK, "TENCENT_KEY", "k"));

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_CONFIG);
        assertThat(run.stderr()).contains("routes[tencent-cn].sdk-app-id: the value of ${env:APP_ID} is not a whole "
                + "number").contains("kafka.producer.linger.ms: Kafka refuses the value of ${env:LINGER}");
        assertThat(run.stderr() + run.stdout()).doesNotContain(LEAK);
    }

    @Test
    void anEndpointWithTheServicePathIsRefusedSayingWhatToWrite() throws Exception {
        CliRun run = check(CONFIG.formatted("127.0.0.1:9092", "https://console.tim.qq.com/v4/group_open_http_svc"),
                Map.of("LINGER", "5", "APP_ID", "1400000001", "TENCENT_KEY", "k"));

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_CONFIG);
        assertThat(run.stderr()).contains("routes[tencent-cn].endpoint: ends in /v4/group_open_http_svc, which the "
                + "client adds to every call itself; write https://console.tim.qq.com");
    }

    @Test
    void aLimitAboveTheDocumentedQuotaIsAWarningOnStandardErrorNotAnError() throws Exception {
        CliRun run = check(CONFIG.formatted("127.0.0.1:9092", "https://console.tim.qq.com"),
                Map.of("LINGER", "5", "APP_ID", "1400000001", "TENCENT_KEY", "k"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("ok: 1 route(s)");
        assertThat(run.stderr()).startsWith("warning: routes[tencent-cn].limits.modify_group_base_info: above "
                + "Tencent's documented quota of 200 calls/s");
    }

    @Test
    void aLimitAboveTheDocumentedQuotaIsLoggedAtRun() throws Exception {
        // A bootstrap host that does not resolve ends the run once the Kafka clients are built, after the warnings.
        Path config = Files.writeString(home.resolve("groupsync.yaml"), CONFIG.formatted(
                "kafka-0.groupsync.invalid:9092", "https://console.tim.qq.com"));
        CliRun run = CliRun.of(home, Map.of("LINGER", "5", "APP_ID", "1400000001", "TENCENT_KEY", "k"),
                Duration.ofSeconds(30), "run", "--config", config.toString());

        assertThat(run.stdout()).containsPattern("WARN.*routes\\[tencent-cn\\]\\.limits\\.modify_group_base_info: "
                + "above Tencent's documented quota of 200 calls/s");
    }

    @Test
    void theLogFormatAndLevelGivenInTheFileAloneApplyFromTheFirstLineAfterItIsRead() throws Exception {
        Path config = Files.writeString(home.resolve("groupsync.yaml"), CONFIG.formatted(
                "kafka-0.groupsync.invalid:9092", "https://console.tim.qq.com") + "log: { format: json, level: WARN }\n");
        CliRun run = CliRun.of(home, Map.of("LINGER", "5", "APP_ID", "1400000001", "TENCENT_KEY", "k"),
                Duration.ofSeconds(30), "run", "--config", config.toString());

        assertThat(run.stdout()).contains("{\"timestamp\":").contains("\"level\":\"WARN\"")
                .contains("above Tencent's documented quota").doesNotContain("level=").doesNotContain("\"INFO\"");
    }

    private CliRun check(String yaml, Map<String, String> env) throws Exception {
        Path config = Files.writeString(home.resolve("groupsync.yaml"), yaml);
        return CliRun.of(home, env, Duration.ofSeconds(30), "config", "--check", config.toString());
    }
}
