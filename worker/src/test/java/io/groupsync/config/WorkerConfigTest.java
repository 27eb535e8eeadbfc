package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkerConfigTest {

    @TempDir
    Path dir;

    @Test
    void aFullValidFileParsesToTheRightTypedValues() {
        WorkerConfig config = WorkerConfig.parse(Configs.FULL, Configs.ENV);

        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9093");
        assertThat(config.kafka().groupId()).isEqualTo("sync-a");
        assertThat(config.kafka().instanceId()).isEqualTo("worker-7");
        assertThat(config.kafka().consumer()).containsExactlyInAnyOrderEntriesOf(
                Map.of("max.poll.records", "200", "fetch.min.bytes", "1"));
        assertThat(config.kafka().producer()).containsExactlyEntriesOf(Map.of("linger.ms", "5"));
        assertThat(config.topics()).isEqualTo(new TopicConfig("in.changes", "out.results", "out.dead",
                "in.changes.versions", Duration.ofDays(7)));
        assertThat(config.pipeline()).isEqualTo(new PipelineConfig(
                Duration.ofMillis(250), 1000, 600, 5000, 64_000_000, Duration.ofSeconds(10), 300, Duration.ofSeconds(5), Duration.ofHours(1)));
        assertThat(config.dispatch()).isEqualTo(new DispatchConfig(8, 3, Duration.ofSeconds(1), Duration.ofMinutes(2)));
        assertThat(config.http()).isEqualTo(new HttpConfig(Duration.ofSeconds(2), Duration.ofSeconds(4)));
        assertThat(config.shutdown().timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.metrics().port()).isZero();
        assertThat(config.metrics().enabled()).isTrue();

        assertThat(config.routes()).extracting(RouteConfig::name).containsExactly("tencent-cn", "openim-main", "rong");
        TencentRoute tencent = (TencentRoute) config.route("tencent-cn").orElseThrow();
        assertThat(tencent.vendor()).isEqualTo(VendorKind.TENCENT);
        assertThat(tencent.endpoint()).as("trailing slash dropped").isEqualTo(URI.create("https://console.tim.qq.com"));
        assertThat(tencent.sdkAppId()).isEqualTo(1_400_000_001L);
        assertThat(tencent.identifier()).isEqualTo("administrator");
        assertThat(tencent.secretKey().reveal()).isEqualTo(Configs.TENCENT_KEY);
        assertThat(tencent.usersigTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(tencent.limits()).isEqualTo(Map.of(
                "modify_group_base_info", 150, "modify_group_member_info", 200, "forbid_send_msg", 20));

        OpenImRoute openIm = (OpenImRoute) config.route("openim-main").orElseThrow();
        assertThat(openIm.endpoint()).isEqualTo(URI.create("http://127.0.0.1:10002"));
        assertThat(openIm.adminUserId()).isEqualTo("root");
        assertThat(openIm.secret().reveal()).isEqualTo(Configs.OPENIM_SECRET);
        assertThat(openIm.limits()).hasSize(8).containsValues(100);

        RongCloudRoute rong = (RongCloudRoute) config.route("rong").orElseThrow();
        assertThat(rong.backupEndpoint()).contains(URI.create("https://api-b.rong-api.com"));
        assertThat(rong.appKey()).isEqualTo("uwd1c0sxdlx2");
        assertThat(rong.appSecret().reveal()).isEqualTo(Configs.RONG_SECRET);
        assertThat(rong.limits()).isEqualTo(Map.of("group/profile/update", 100, "group/member/set", 50,
                "group/member/specific/query", 100));
    }

    @Test
    void defaultsApplyToEverySettingLeftOut() {
        WorkerConfig config = WorkerConfig.parse(Configs.minimal(), Map.of("OPENIM_SECRET", "s", "HOSTNAME", "pod-3"));

        assertThat(config.kafka().groupId()).isEqualTo("groupsync");
        assertThat(config.kafka().instanceId()).as("the host name").isEqualTo("pod-3");
        assertThat(config.kafka().consumer()).isEmpty();
        assertThat(config.topics()).isEqualTo(
                new TopicConfig("groupsync.changes", "groupsync.results", "groupsync.dead-letters",
                        "groupsync.changes.versions", Duration.ofDays(7)));
        PendingCaps caps = PendingCaps.forThisJvm();
        assertThat(config.pipeline()).isEqualTo(new PipelineConfig(Duration.ofMillis(100), caps.keys(),
                (int) (caps.keys() * 8L / 10), caps.records(), caps.bytes(), Duration.ofSeconds(15), 4000, Duration.ofSeconds(30), Duration.ofHours(1)));
        assertThat(config.dispatch()).isEqualTo(
                new DispatchConfig(64, 10, Duration.ofMillis(200), Duration.ofSeconds(30)));
        assertThat(config.http()).isEqualTo(new HttpConfig(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(config.shutdown().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.metrics().port()).isEqualTo(9400);
        OpenImRoute route = (OpenImRoute) config.routes().get(0);
        assertThat(route.adminUserId()).isEqualTo("imAdmin");
        assertThat(route.limits()).isEqualTo(VendorKind.OPENIM.defaultLimits());
    }

    @Test
    void resumePendingKeysDefaultsToEightyPercentOfTheCap() {
        WorkerConfig config = WorkerConfig.parse(Configs.minimalWith("pipeline: { max-pending-keys: 1001 }"),
                Map.of("OPENIM_SECRET", "s"));
        assertThat(config.pipeline().resumePendingKeys()).isEqualTo(800);
    }

    @Test
    void tencentAndRongCloudRoutesTakeTheirVendorDefaults() {
        WorkerConfig config = WorkerConfig.parse(Configs.withRoute("""
                  - name: t
                    vendor: tencent
                    region: china
                    sdk-app-id: 1
                    identifier: admin
                    secret-key: ${env:K}
                  - name: r
                    vendor: rongcloud
                    region: china
                    app-key: k
                    app-secret: ${env:K}
                """), Map.of("K", "v"));
        TencentRoute tencent = (TencentRoute) config.routes().get(0);
        assertThat(tencent.usersigTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(tencent.limits()).isEqualTo(VendorKind.TENCENT.defaultLimits()).containsValues(200);
        assertThat(config.routes().get(1).limits()).isEqualTo(VendorKind.RONGCLOUD.defaultLimits()).containsValues(100);
    }

    @ParameterizedTest(name = "tencent {0} -> {1}")
    @CsvSource({
            "china, https://console.tim.qq.com",
            "singapore, https://adminapisgp.im.qcloud.com",
            "seoul, https://adminapikr.im.qcloud.com",
            "tokyo, https://adminapijpn.im.qcloud.com",
            "frankfurt, https://adminapiger.im.qcloud.com",
            "silicon-valley, https://adminapiusa.im.qcloud.com",
            "jakarta, https://adminapiidn.im.qcloud.com"})
    void aTencentRegionPicksTheVendorsDomain(String region, String endpoint) {
        WorkerConfig config = WorkerConfig.parse(Configs.withRoute("""
                  - { name: t, vendor: tencent, sdk-app-id: 1, identifier: a, secret-key: "${env:K}", region: %s }
                """.formatted(region)), Map.of("K", "v"));
        assertThat(config.routes().get(0).endpoint()).isEqualTo(URI.create(endpoint));
    }

    @ParameterizedTest(name = "rongcloud {0} -> {1} and {2}")
    @CsvSource({
            "china, https://api.rong-api.com, https://api-b.rong-api.com",
            "singapore, https://api.sg-light-api.com, https://api-b.sg-light-api.com",
            "north-america, https://api.us-light-api.com, https://api-b.us-light-api.com",
            "saudi, https://api.sau-light-api.com, https://api-b.sau-light-api.com"})
    void aRongCloudRegionPicksThePrimaryAndItsBackup(String region, String primary, String backup) {
        RongCloudRoute route = (RongCloudRoute) WorkerConfig.parse(Configs.withRoute("""
                  - { name: r, vendor: rongcloud, app-key: k, app-secret: "${env:K}", region: %s }
                """.formatted(region)), Map.of("K", "v")).routes().get(0);
        assertThat(route.endpoint()).isEqualTo(URI.create(primary));
        assertThat(route.backupEndpoint()).contains(URI.create(backup));
    }

    @Test
    void aRongCloudEndpointOfUnknownHostHasNoBackupUnlessOneIsGiven() {
        String route = "  - { name: r, vendor: rongcloud, app-key: k, app-secret: \"${env:K}\", "
                + "endpoint: \"http://127.0.0.1:8080\"%s }\n";
        RongCloudRoute plain = (RongCloudRoute) WorkerConfig.parse(Configs.withRoute(route.formatted("")),
                Map.of("K", "v")).routes().get(0);
        RongCloudRoute withBackup = (RongCloudRoute) WorkerConfig.parse(
                Configs.withRoute(route.formatted(", backup-endpoint: \"http://127.0.0.1:8081\"")),
                Map.of("K", "v")).routes().get(0);

        assertThat(plain.backupEndpoint()).isEmpty();
        assertThat(withBackup.backupEndpoint()).contains(URI.create("http://127.0.0.1:8081"));
    }

    @Test
    void envSecretsResolveToTheVariablesValue() {
        WorkerConfig config = WorkerConfig.parse(Configs.minimal(), Map.of("OPENIM_SECRET", "from-env"));
        assertThat(((OpenImRoute) config.routes().get(0)).secret().reveal()).isEqualTo("from-env");
    }

    @Test
    void fileSecretsResolveWithoutTheirTrailingNewline() throws IOException {
        Path secret = Files.writeString(dir.resolve("openim"), "line-one secret\n");
        WorkerConfig config = WorkerConfig.parse(Configs.minimal().replace("${env:OPENIM_SECRET}",
                "${file:" + secret + "}"), Map.of());
        assertThat(((OpenImRoute) config.routes().get(0)).secret().reveal()).isEqualTo("line-one secret");
    }

    @Test
    void loadReadsTheFileAndResolvesRelativeSecretFilesBesideIt() throws IOException {
        Files.writeString(dir.resolve("openim.secret"), "beside\r\n");
        Path file = Files.writeString(dir.resolve("groupsync.yaml"),
                Configs.minimal().replace("${env:OPENIM_SECRET}", "${file:openim.secret}"));

        WorkerConfig config = WorkerConfig.load(file, Map.of());

        assertThat(((OpenImRoute) config.routes().get(0)).secret().reveal()).isEqualTo("beside");
    }

    @Test
    void placeholdersAlsoWorkInSettingsThatAreNotSecret() {
        Map<String, String> env = new HashMap<>(Map.of("OPENIM_SECRET", "s", "BROKERS", "kafka:9092"));
        WorkerConfig config = WorkerConfig.parse(
                Configs.minimal().replace("127.0.0.1:9092", "${env:BROKERS}"), env);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
    }

    @Test
    void inlineSecretsAreAcceptedWhenTheFileAllowsThem() {
        WorkerConfig config = WorkerConfig.parse(Configs.minimalWith("allow-inline-secrets: true")
                .replace("${env:OPENIM_SECRET}", "demo-secret"), Map.of());
        assertThat(((OpenImRoute) config.routes().get(0)).secret().reveal()).isEqualTo("demo-secret");
    }

    @Test
    void metricsPortMinusOneTurnsTheEndpointsOff() {
        WorkerConfig config = WorkerConfig.parse(Configs.minimalWith("metrics: { port: -1 }"),
                Map.of("OPENIM_SECRET", "s"));
        assertThat(config.metrics().enabled()).isFalse();
    }

    @Test
    void aMissingRouteIsEmptyOnLookup() {
        assertThat(WorkerConfig.parse(Configs.minimal(), Map.of("OPENIM_SECRET", "s")).route("nope"))
                .isEqualTo(Optional.empty());
    }
}
