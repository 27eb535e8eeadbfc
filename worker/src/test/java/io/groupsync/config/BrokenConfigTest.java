package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each broken config is refused with exactly one problem, and the message starts with the setting at fault. */
class BrokenConfigTest {

    private static final Map<String, String> ENV = Map.of("K", "v", "OPENIM_SECRET", "s");

    private static final String TENCENT = "{ name: t, vendor: tencent, endpoint: \"https://console.tim.qq.com\", "
            + "sdk-app-id: 1, identifier: admin, secret-key: \"${env:K}\"%s }";
    private static final String OPENIM = "{ name: o, vendor: openim, endpoint: \"http://127.0.0.1:10002\", "
            + "secret: \"${env:K}\"%s }";
    private static final String RONG = "{ name: r, vendor: rongcloud, region: china, app-key: k, "
            + "app-secret: \"${env:K}\"%s }";

    /** A route list entry built from a valid one, with {@code extra} settings added and {@code without} removed. */
    private static String route(String template, String extra, String without) {
        String route = template.formatted(extra.isEmpty() ? "" : ", " + extra);
        String kept = without.isEmpty() ? route : route.replaceFirst(without + ": (\"[^\"]*\"|[^,}]+),? ?", "");
        return Configs.withRoute("  - " + kept + "\n");
    }

    private static Arguments refused(String behaviour, String yaml, String expected) {
        return arguments(Named.of(behaviour, yaml), ENV, expected);
    }

    static Stream<Arguments> brokenConfigs() {
        return Stream.of(
                refused("tencent route without secret-key", route(TENCENT, "", "secret-key"),
                        "routes[t].secret-key: required; set it in the file or in GROUPSYNC_ROUTES_T_SECRET_KEY"),
                refused("tencent route without sdk-app-id", route(TENCENT, "", "sdk-app-id"),
                        "routes[t].sdk-app-id: required"),
                refused("tencent route without identifier", route(TENCENT, "", "identifier"),
                        "routes[t].identifier: required"),
                refused("tencent route with neither endpoint nor region", route(TENCENT, "", "endpoint"),
                        "routes[t].endpoint: required, or give region: china | singapore | seoul"),
                refused("openim route without secret", route(OPENIM, "", "secret"),
                        "routes[o].secret: required"),
                refused("openim route without endpoint", route(OPENIM, "", "endpoint"),
                        "routes[o].endpoint: required"),
                refused("rongcloud route without app-key", route(RONG, "", "app-key"),
                        "routes[r].app-key: required"),
                refused("rongcloud route without app-secret", route(RONG, "", "app-secret"),
                        "routes[r].app-secret: required"),
                refused("unknown vendor", Configs.withRoute("  - { name: w, vendor: wechat }\n"),
                        "routes[w].vendor: 'wechat' is not one of tencent, openim, rongcloud"),
                refused("route without a vendor", Configs.withRoute("  - { name: w }\n"),
                        "routes[w].vendor: required"),
                refused("a limit of 1", route(TENCENT, "limits: { forbid_send_msg: 1 }", ""),
                        "routes[t].limits.forbid_send_msg: must be at least 2, got 1"),
                refused("a limit for an API the vendor lacks", route(RONG, "limits: { forbid_send_msg: 10 }", ""),
                        "routes[r].limits.forbid_send_msg: rongcloud has no such API; expected one of "
                                + "group/profile/update, group/member/set"),
                refused("a misspelt API in limits", route(OPENIM, "limits: { group/mute_grop: 10 }", ""),
                        "routes[o].limits.group/mute_grop: openim has no such API; "
                                + "did you mean routes[o].limits.group/mute_group?"),
                refused("limits not a mapping", route(OPENIM, "limits: 5", ""),
                        "routes[o].limits: must be a mapping, not a value"),
                refused("bootstrap server without a port", Configs.minimal().replace("127.0.0.1:9092", "localhost"),
                        "kafka.bootstrap-servers: 'localhost' is not host:port"),
                refused("bootstrap server with a bad port", Configs.minimal().replace("127.0.0.1:9092", "a:1,b:70000"),
                        "kafka.bootstrap-servers: 'b:70000' has a port outside 1-65535"),
                refused("no bootstrap servers", Configs.minimal().replace("  bootstrap-servers: 127.0.0.1:9092\n", ""),
                        "kafka.bootstrap-servers: required; set it in the file or in "
                                + "GROUPSYNC_KAFKA_BOOTSTRAP_SERVERS"),
                refused("unreadable secret file",
                        route(OPENIM, "secret: \"${file:/nonexistent/groupsync/openim}\"", "secret"),
                        "routes[o].secret: cannot read file /nonexistent/groupsync/openim: no such file"),
                refused("secret env variable not set", route(TENCENT, "", "").replace("${env:K}", "${env:TENCENT_KEY}"),
                        "routes[t].secret-key: environment variable TENCENT_KEY is not set"),
                refused("unsupported placeholder", route(TENCENT, "", "").replace("${env:K}", "${vault:k}"),
                        "routes[t].secret-key: only ${env:NAME} and ${file:/path} are supported"),
                refused("inline secret without allow-inline-secrets", route(TENCENT, "", "").replace("${env:K}", "abc"),
                        "routes[t].secret-key: a secret written in the file is refused; use ${env:NAME} or "
                                + "${file:/path}"),
                refused("inline Kafka password", Configs.minimal()
                                .replace("kafka:\n", "kafka:\n  producer: { ssl.key.password: pw }\n"),
                        "kafka.producer.ssl.key.password: a secret written in the file is refused"),
                refused("duplicate route names", Configs.withRoute("  - " + OPENIM.formatted("") + "\n  - "
                                + OPENIM.formatted("") + "\n"),
                        "routes[o].name: another route already has this name"),
                refused("no routes", Configs.withRoute("  []\n").replace("routes:\n  []", "routes: []"),
                        "routes: at least one route is required"),
                refused("routes left out", "kafka: { bootstrap-servers: \"a:1\" }\n",
                        "routes: at least one route is required"),
                refused("bad route name", Configs.withRoute("  - { name: Tencent CN, vendor: tencent }\n"),
                        "routes[0].name: 'Tencent CN' must be 1-64 of a-z, 0-9, _ and -"),
                refused("resume at the cap", Configs.minimalWith(
                                "pipeline: { max-pending-keys: 10, resume-pending-keys: 10 }"),
                        "pipeline.resume-pending-keys: must be below pipeline.max-pending-keys (10), got 10"),
                refused("max-backoff below initial", Configs.minimalWith(
                                "dispatch: { initial-backoff: 2s, max-backoff: 1s }"),
                        "dispatch.max-backoff: must be at least dispatch.initial-backoff (2s), got 1s"),
                refused("shutdown shorter than settle", Configs.minimalWith(
                                "shutdown: { timeout: 5s }"),
                        "shutdown.timeout: must be at least pipeline.settle-timeout (15s), got 5s"),
                refused("settle as long as the transaction timeout", Configs.minimalWith(
                                "pipeline: { settle-timeout: 20s }"),
                        "pipeline.settle-timeout: must be under the transaction timeout (kafka.producer "
                                + "transaction.timeout.ms, 20000 ms), got 20s: the transaction stays open while a "
                                + "revoke settles"),
                refused("commit interval over half a lowered transaction timeout", Configs.minimalWith(
                                "pipeline: { commit-interval: 600ms, settle-timeout: 500ms }")
                                .replace("kafka:\n", "kafka:\n  producer: { transaction.timeout.ms: 1000 }\n"),
                        "pipeline.commit-interval: must be at most half the transaction timeout (kafka.producer "
                                + "transaction.timeout.ms, 1000 ms), got 600ms: the coordinator aborts a transaction "
                                + "open longer"),
                refused("owned Kafka property in consumer overrides", Configs.minimal()
                                .replace("kafka:\n", "kafka:\n  consumer: { enable.auto.commit: true }\n"),
                        "kafka.consumer.enable.auto.commit: set by groupsync itself (offsets are committed in the "
                                + "producer's transactions, with the outcomes); remove it"),
                refused("owned Kafka property in producer overrides", Configs.minimal()
                                .replace("kafka:\n", "kafka:\n  producer: { acks: 1 }\n"),
                        "kafka.producer.acks: set by groupsync itself (transactions need acks=all); remove it"),
                refused("Kafka consumer property of the wrong type", Configs.minimal()
                                .replace("kafka:\n", "kafka:\n  consumer: { max.poll.records: ten }\n"),
                        "kafka.consumer.max.poll.records: Kafka refuses it: Invalid value ten for configuration "
                                + "max.poll.records: Not a number of type INT"),
                refused("Kafka producer property out of its range", Configs.minimal()
                                .replace("kafka:\n", "kafka:\n  producer: { linger.ms: -1 }\n"),
                        "kafka.producer.linger.ms: Kafka refuses it: Invalid value -1 for configuration linger.ms"),
                refused("unknown top-level key", Configs.minimalWith("pipline: { commit-interval: 1s }"),
                        "pipline: unknown setting; did you mean pipeline?"),
                refused("unknown key in a section", Configs.minimalWith("http: { callTimeout: 1s }"),
                        "http.callTimeout: unknown setting; did you mean http.call-timeout?"),
                refused("unknown key with no near match", Configs.minimalWith("metrics: { colour: red }"),
                        "metrics.colour: unknown setting; expected one of port"),
                refused("another vendor's key on a route", route(TENCENT, "app-key: k", ""),
                        "routes[t].app-key: not a setting of tencent routes; expected one of name, vendor, endpoint"),
                refused("bad duration", Configs.minimalWith("pipeline: { commit-interval: 5 seconds }"),
                        "pipeline.commit-interval: '5 seconds' is not a duration"),
                refused("duration without a unit", Configs.minimalWith("http: { connect-timeout: 5 }"),
                        "http.connect-timeout: '5' is not a duration"),
                refused("negative number", Configs.minimalWith("pipeline: { max-pending-keys: -5 }"),
                        "pipeline.max-pending-keys: must be at least 1, got -5"),
                refused("negative duration", Configs.minimalWith("pipeline: { settle-timeout: -1s }"),
                        "pipeline.settle-timeout: must not be negative, got -1s"),
                refused("zero duration where time must pass", Configs.minimalWith("pipeline: { commit-interval: 0ms }"),
                        "pipeline.commit-interval: must be positive, got 0s"),
                refused("number that is not one", Configs.minimalWith("dispatch: { max-attempts: ten }"),
                        "dispatch.max-attempts: 'ten' is not a whole number"),
                refused("number out of range", Configs.minimalWith("dispatch: { max-attempts: 99999999999 }"),
                        "dispatch.max-attempts: '99999999999' is out of range"),
                refused("boolean that is not one", Configs.minimalWith("allow-inline-secrets: yes"),
                        "allow-inline-secrets: 'yes' is not true or false"),
                refused("metrics port out of range", Configs.minimalWith("metrics: { port: -2 }"),
                        "metrics.port: must be between -1 and 65535, got -2"),
                refused("offset metadata too small",
                        Configs.minimalWith("pipeline: { offset-metadata-max-bytes: 100 }"),
                        "pipeline.offset-metadata-max-bytes: must be at least 256, got 100"),
                refused("endpoint not http(s)", route(OPENIM, "", "").replace("http://127.0.0.1:10002", "ftp://x"),
                        "routes[o].endpoint: 'ftp://x' must be an http or https URL"),
                refused("endpoint carrying credentials", route(OPENIM, "", "")
                                .replace("http://127.0.0.1:10002", "http://u:p@x"),
                        "routes[o].endpoint: must not carry user info"),
                refused("a Tencent endpoint with the service path Tencent's sample URL shows", route(TENCENT, "", "")
                                .replace("qq.com\"", "qq.com/v4/group_open_http_svc\""),
                        "routes[t].endpoint: ends in /v4/group_open_http_svc, which the client adds to every call "
                                + "itself; write https://console.tim.qq.com"),
                refused("a Tencent endpoint with a command's whole path", route(TENCENT, "", "")
                                .replace("qq.com\"", "qq.com/v4/group_open_http_svc/modify_group_base_info\""),
                        "routes[t].endpoint: ends in /v4/group_open_http_svc/modify_group_base_info, which the client "
                                + "adds to every call itself; write https://console.tim.qq.com"),
                refused("an OpenIM endpoint ending in an API's first segment", route(OPENIM, "", "")
                                .replace("10002\"", "10002/api/group\""),
                        "routes[o].endpoint: ends in /group, which the client adds to every call itself; write "
                                + "http://127.0.0.1:10002/api"),
                refused("a RongCloud backup endpoint with the entrust path",
                        route(RONG, "backup-endpoint: \"https://api-b.rong-api.com/entrust\"", ""),
                        "routes[r].backup-endpoint: ends in /entrust, which the client adds to every call itself; "
                                + "write https://api-b.rong-api.com"),
                refused("region and endpoint both given", route(TENCENT, "region: china", ""),
                        "routes[t].region: give endpoint or region, not both"),
                refused("unknown region", route(RONG, "", "").replace("china", "mars"),
                        "routes[r].region: 'mars' is not one of china, singapore, north-america, saudi"),
                refused("backup equal to the endpoint",
                        route(RONG, "backup-endpoint: \"https://api.rong-api.com\"", ""),
                        "routes[r].backup-endpoint: must differ from endpoint"),
                refused("usersig ttl under ten minutes", route(TENCENT, "usersig-ttl: 5m", ""),
                        "routes[t].usersig-ttl: must be at least 10m, got 5m"),
                refused("a plan's member bound above Tencent's most", route(TENCENT, "max-member-num: 6001", ""),
                        "routes[t].max-member-num: must be between 1 and 6000, got 6001"),
                refused("results written to the input", Configs.minimalWith("topics: { results: groupsync.changes }"),
                        "topics.results: must differ from topics.input"),
                refused("bad topic name", Configs.minimalWith("topics: { input: \"a b\" }"),
                        "topics.input: 'a b' is not a Kafka topic name"),
                refused("section that is not a mapping", Configs.minimalWith("pipeline: 5"),
                        "pipeline: must be a mapping, not a value"),
                refused("list where a value belongs", Configs.minimalWith("http: { call-timeout: [1s] }"),
                        "http.call-timeout: must be a single value, not a list"),
                refused("a value glued to its key", Configs.minimalWith("http: { call-timeout:1s }"),
                        "http.call-timeout…: a value is glued to this key; write 'key: value' with a space"),
                refused("a key given twice", Configs.minimalWith("http: { call-timeout: 1s, call-timeout: 2s }"),
                        "http.call-timeout: given more than once"),
                refused("text that is not YAML", "kafka: [\n", "config: not valid YAML at line 2, column 1"),
                refused("YAML that is not a mapping", "- a\n- b\n", "config: must be a mapping of settings"),
                refused("two YAML documents", Configs.minimal() + "---\nkafka: {}\n",
                        "config: holds more than one YAML document"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenConfigs")
    void isRefusedWithOneMessageNamingTheSetting(String yaml, Map<String, String> env, String expected) {
        assertThatThrownBy(() -> WorkerConfig.parse(yaml, env))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).as(e.getMessage()).hasSize(1);
                    assertThat(e.getMessage()).startsWith(expected);
                });
    }

    @Test
    void everyProblemIsReportedAtOnceOneLineEach() {
        String yaml = """
                kafka:
                  bootstrap-servers: localhost
                  consumer: { group.id: other }
                pipeline:
                  commit-interval: soon
                dispatch: { max-attempts: 0 }
                routes:
                  - { name: t, vendor: tencent, region: china, sdk-app-id: 1, identifier: a }
                  - { name: r, vendor: rongcloud, region: mars, app-key: k, app-secret: "${env:MISSING}" }
                """;
        assertThatThrownBy(() -> WorkerConfig.parse(yaml, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigException.Problem::setting).containsExactly(
                            "kafka.bootstrap-servers", "kafka.consumer.group.id", "pipeline.commit-interval",
                            "dispatch.max-attempts", "routes[t].secret-key", "routes[r].region",
                            "routes[r].app-secret");
                    assertThat(e.getMessage().lines()).hasSize(7).allSatisfy(line -> assertThat(line)
                            .matches("[a-z.\\-\\[\\]]+: .+"));
                });
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertThatThrownBy(() -> WorkerConfig.load(java.nio.file.Path.of("/nonexistent/groupsync.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("/nonexistent/groupsync.yaml: cannot read the config file: no such file");
    }
}
