package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvOverridesTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Configs.ENV);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void envOverridesWinOverTheFile() {
        WorkerConfig config = WorkerConfig.parse(Configs.FULL, env(
                "GROUPSYNC_KAFKA_BOOTSTRAP_SERVERS", "other:9092",
                "GROUPSYNC_KAFKA_INSTANCE_ID", "worker-9",
                "GROUPSYNC_PIPELINE_COMMIT_INTERVAL", "2s",
                "GROUPSYNC_PIPELINE_MAX_PENDING_KEYS", "2000",
                "GROUPSYNC_TOPICS_DEAD_LETTERS", "dlq",
                "GROUPSYNC_METRICS_PORT", "-1"));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("other:9092");
        assertThat(config.kafka().instanceId()).isEqualTo("worker-9");
        assertThat(config.pipeline().commitInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.pipeline().maxPendingKeys()).isEqualTo(2000);
        assertThat(config.topics().deadLetters()).isEqualTo("dlq");
        assertThat(config.metrics().enabled()).isFalse();
        assertThat(config.kafka().groupId()).as("not overridden").isEqualTo("sync-a");
    }

    @Test
    void envOverridesApplyToSettingsTheFileLeavesOut() {
        String inlineSecret = Configs.minimal().replace("${env:OPENIM_SECRET}", "demo-secret");
        WorkerConfig config = WorkerConfig.parse(inlineSecret, env(
                "GROUPSYNC_HTTP_CALL_TIMEOUT", "PT30S", "GROUPSYNC_ALLOW_INLINE_SECRETS", "true"));
        assertThat(config.http().callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(((OpenImRoute) config.routes().get(0)).secret().reveal()).isEqualTo("demo-secret");
    }

    @Test
    void routeSettingsAndLimitsAreOverriddenByRouteName() {
        WorkerConfig config = WorkerConfig.parse(Configs.FULL, env(
                "GROUPSYNC_ROUTES_TENCENT_CN_SDK_APP_ID", "1400000999",
                "GROUPSYNC_ROUTES_TENCENT_CN_LIMITS_FORBID_SEND_MSG", "40",
                "GROUPSYNC_ROUTES_TENCENT_CN_LIMITS_MODIFY_GROUP_MEMBER_INFO", "30",
                "GROUPSYNC_ROUTES_OPENIM_MAIN_ENDPOINT", "http://openim:10002"));

        TencentRoute tencent = (TencentRoute) config.route("tencent-cn").orElseThrow();
        assertThat(tencent.sdkAppId()).isEqualTo(1_400_000_999L);
        assertThat(tencent.limits()).containsEntry("forbid_send_msg", 40)
                .containsEntry("modify_group_member_info", 30)
                .containsEntry("modify_group_base_info", 150);
        assertThat(config.route("openim-main").orElseThrow().endpoint()).isEqualTo(URI.create("http://openim:10002"));
    }

    @Test
    void aRouteSecretCanComeFromItsOverrideAloneAsAPlainValue() {
        String yaml = Configs.minimal().replace("    secret: ${env:OPENIM_SECRET}\n", "");
        WorkerConfig config = WorkerConfig.parse(yaml, Map.of("GROUPSYNC_ROUTES_OPENIM_MAIN_SECRET", "plain"));
        assertThat(((OpenImRoute) config.routes().get(0)).secret().reveal()).isEqualTo("plain");
    }

    @Test
    void anEnvEndpointReplacesARegionGivenInTheFile() {
        WorkerConfig config = WorkerConfig.parse(Configs.withRoute("""
                  - { name: t, vendor: tencent, region: china, sdk-app-id: 1, identifier: a, secret-key: "${env:K}" }
                """), Map.of("K", "v", "GROUPSYNC_ROUTES_T_ENDPOINT", "http://127.0.0.1:9999"));
        assertThat(config.routes().get(0).endpoint()).isEqualTo(URI.create("http://127.0.0.1:9999"));
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        WorkerConfig config = WorkerConfig.parse(Configs.minimal(), env("GROUPSYNC_KAFKA_GROUP_ID", ""));
        assertThat(config.kafka().groupId()).isEqualTo("groupsync");
    }

    @Test
    void aGroupsyncVariableThatNamesNoSettingIsRefusedWithASuggestion() {
        assertThatThrownBy(() -> WorkerConfig.parse(Configs.minimal(),
                env("GROUPSYNC_KAFKA_BOOTSTRAP_SERVER", "x:1", "GROUPSYNC_NOTHING_LIKE_IT", "1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigException.Problem::toString)
                        .containsExactly(
                                "GROUPSYNC_KAFKA_BOOTSTRAP_SERVER: no setting has this environment name; "
                                        + "did you mean GROUPSYNC_KAFKA_BOOTSTRAP_SERVERS?",
                                "GROUPSYNC_NOTHING_LIKE_IT: no setting has this environment name; "
                                        + "the GROUPSYNC_ prefix is reserved for settings"));
    }

    @Test
    void aVariableThatTwoRoutesShareIsRefusedAsAmbiguous() {
        String routes = """
                  - { name: a, vendor: rongcloud, region: china, app-key: k, app-secret: "${env:K}" }
                  - { name: a-backup, vendor: rongcloud, region: china, app-key: k, app-secret: "${env:K}" }
                """;
        assertThatThrownBy(() -> WorkerConfig.parse(Configs.withRoute(routes),
                Map.of("K", "v", "GROUPSYNC_ROUTES_A_BACKUP_ENDPOINT", "http://x:1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).startsWith(
                        "GROUPSYNC_ROUTES_A_BACKUP_ENDPOINT: ambiguous: it overrides routes[a].backup-endpoint and "
                                + "routes[a-backup].endpoint"));
    }

    @Test
    void aBadOverrideNamesItsVariable() {
        assertThatThrownBy(() -> WorkerConfig.parse(Configs.minimal(),
                env("GROUPSYNC_PIPELINE_COMMIT_INTERVAL", "soon")))
                .hasMessage("pipeline.commit-interval: the value of GROUPSYNC_PIPELINE_COMMIT_INTERVAL is not a "
                        + "duration; write e.g. 100ms, 5s, 2m, 24h, 7d or ISO-8601 PT5S");
    }
}
