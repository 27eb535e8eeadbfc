package io.groupsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.groupsync.testkit.process.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real {@code groupsync run --config FILE} process, started as ops start it, refuses each broken configuration
 * before it starts anything: exit code 2, and on standard error a message that names the setting at fault. The
 * config package's unit tests cover the parsing; this is what a deployment sees.
 */
class RunRefusesBrokenConfigTest {

    /** Secret values the routes read from the environment; none may be echoed back. */
    private static final Map<String, String> ENV = Map.of("TENCENT_KEY", "5f1c0a8e6b7d4c3e2a190817f6e5d4c3",
            "OPENIM_SECRET", "oIMsk0d9c8b7a6f5e", "RONG_SECRET", "Rc7e6d5c4b3a21");
    private static final String INLINE_SECRET = "9a8b7c6d5e4f30211203f4e5d6c7b8a9";

    private static final String KAFKA = """
            kafka:
              bootstrap-servers: 127.0.0.1:9092
            """;
    private static final String TENCENT = """
              - name: t
                vendor: tencent
                endpoint: https://console.tim.qq.com
                sdk-app-id: 1400000001
                identifier: administrator
                secret-key: ${env:TENCENT_KEY}
            """;
    private static final String OPENIM = """
              - name: o
                vendor: openim
                endpoint: http://127.0.0.1:10002
                secret: ${env:OPENIM_SECRET}
            """;
    private static final String RONG = """
              - name: r
                vendor: rongcloud
                region: singapore
                app-key: uwd1c0sxdlx2
                app-secret: ${env:RONG_SECRET}
            """;
    private static final String VALID = KAFKA + "routes:\n" + TENCENT + OPENIM + RONG;

    @TempDir
    Path home;

    static Stream<Arguments> brokenConfigs() {
        return Stream.of(
                refused("Tencent route without its secret key", VALID.replace("    secret-key: ${env:TENCENT_KEY}\n",
                        ""), "routes[t].secret-key: required"),
                refused("OpenIM route without its secret", VALID.replace("    secret: ${env:OPENIM_SECRET}\n", ""),
                        "routes[o].secret: required"),
                refused("RongCloud route without its app key", VALID.replace("    app-key: uwd1c0sxdlx2\n", ""),
                        "routes[r].app-key: required"),
                refused("unknown vendor", VALID.replace("vendor: rongcloud", "vendor: wechat"),
                        "routes[r].vendor: 'wechat' is not one of tencent, openim, rongcloud"),
                refused("a limit of 0", VALID.replace("    app-secret:", "    limits: { group/member/set: 0 }\n"
                        + "    app-secret:"), "routes[r].limits.group/member/set: must be at least 2, got 0"),
                refused("a limit of 1", VALID.replace("    identifier:", "    limits: { forbid_send_msg: 1 }\n"
                        + "    identifier:"), "routes[t].limits.forbid_send_msg: must be at least 2, got 1"),
                refused("a negative limit", VALID.replace("    secret: ${env:OPENIM_SECRET}\n",
                        "    secret: ${env:OPENIM_SECRET}\n    limits: { group/mute_group: -5 }\n"),
                        "routes[o].limits.group/mute_group: must be at least 2, got -5"),
                refused("bootstrap address without a port", VALID.replace("127.0.0.1:9092", "kafka-0"),
                        "kafka.bootstrap-servers: 'kafka-0' is not host:port"),
                refused("bootstrap port out of range", VALID.replace("127.0.0.1:9092", "kafka-0:99999"),
                        "kafka.bootstrap-servers: 'kafka-0:99999' has a port outside 1-65535"),
                refused("no bootstrap address", VALID.replace("  bootstrap-servers: 127.0.0.1:9092\n",
                        "  group-id: g\n"), "kafka.bootstrap-servers: required"),
                refused("secret file that does not exist", VALID.replace("${env:RONG_SECRET}",
                        "${file:/nonexistent/groupsync/rong}"), "routes[r].app-secret: cannot read file "
                        + "/nonexistent/groupsync/rong: no such file"),
                refused("secret file that is a directory", VALID.replace("${env:RONG_SECRET}", "${file:/tmp}"),
                        "routes[r].app-secret: ${file:/tmp} must name a file"),
                refused("secret variable not set", VALID.replace("${env:OPENIM_SECRET}", "${env:OPENIM_SECRETS}"),
                        "routes[o].secret: environment variable OPENIM_SECRETS is not set"),
                refused("secret written in the file", VALID.replace("${env:TENCENT_KEY}", INLINE_SECRET),
                        "routes[t].secret-key: a secret written in the file is refused"),
                refused("no routes", KAFKA + "routes: []\n", "routes: at least one route is required"),
                refused("two routes with one name", VALID + OPENIM, "routes[o].name: another route already has "
                        + "this name"),
                refused("a setting misspelt", "pipline:\n  commit-interval: 1s\n" + VALID,
                        "pipline: unknown setting; did you mean pipeline?"),
                refused("groupsync's own Kafka property overridden", VALID.replace("kafka:\n",
                        "kafka:\n  producer: { acks: \"1\" }\n"), "kafka.producer.acks: set by groupsync itself"),
                refused("a file that is not YAML", "kafka: [\n", "config: not valid YAML"),
                refused("bootstrap host that does not resolve", VALID.replace("127.0.0.1:9092",
                        "kafka-0.groupsync.invalid:9092"), "kafka.bootstrap-servers: "),
                refused("a Kafka consumer property with a bad value", VALID.replace("kafka:\n",
                        "kafka:\n  consumer: { max.poll.records: ten }\n"), "kafka.consumer.max.poll.records: "),
                refused("a bad value from the environment", VALID, Map.of("GROUPSYNC_PIPELINE_COMMIT_INTERVAL", "soon"),
                        "pipeline.commit-interval: the value of GROUPSYNC_PIPELINE_COMMIT_INTERVAL is not a "
                                + "duration"),
                refused("a limit of 0 from the environment", VALID, Map.of("GROUPSYNC_ROUTES_T_LIMITS_FORBID_SEND_MSG",
                        "0"), "routes[t].limits.forbid_send_msg: the value of "
                        + "GROUPSYNC_ROUTES_T_LIMITS_FORBID_SEND_MSG must be at least 2"),
                refused("a secret's placeholder in a setting that is not secret", VALID.replace("1400000001",
                        "${env:TENCENT_KEY}"), "routes[t].sdk-app-id: the value of ${env:TENCENT_KEY} is not a whole "
                        + "number"),
                refused("a secret's placeholder in a Kafka property", VALID.replace("kafka:\n",
                        "kafka:\n  producer: { linger.ms: \"${env:RONG_SECRET}\" }\n"),
                        "kafka.producer.linger.ms: Kafka refuses the value of ${env:RONG_SECRET}"),
                refused("a Tencent endpoint with the service path", VALID.replace("qq.com\n",
                        "qq.com/v4/group_open_http_svc\n"), "routes[t].endpoint: ends in /v4/group_open_http_svc, "
                        + "which the client adds to every call itself; write https://console.tim.qq.com"));
    }

    private static Arguments refused(String behaviour, String yaml, String expected) {
        return refused(behaviour, yaml, Map.of(), expected);
    }

    private static Arguments refused(String behaviour, String yaml, Map<String, String> env, String expected) {
        return arguments(Named.of(behaviour, yaml), env, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenConfigs")
    void isRefusedAtStartUpWithExitCode2AndAMessageNamingTheSetting(String yaml, Map<String, String> overrides,
                                                                    String expected) throws Exception {
        Path config = Files.writeString(home.resolve("groupsync.yaml"), yaml);
        Map<String, String> env = new HashMap<>(ENV);
        env.putAll(overrides);

        CliRun run = CliRun.of(home, env, Duration.ofSeconds(30), "run", "--config", config.toString());

        assertThat(run.exitCode()).as("exit code; stderr: " + run.stderr()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("groupsync: refusing to start: ").contains(expected)
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.stderr() + run.stdout()).as("no secret echoed").doesNotContain(INLINE_SECRET)
                .doesNotContain(ENV.values());
    }
}
