package io.groupsync.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.config.OpenImRoute;
import io.groupsync.config.RongCloudRoute;
import io.groupsync.config.TencentRoute;
import io.groupsync.config.WorkerConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerYamlTest {

    @Test
    void aRouteOfEachVendorLoadsWithItsSecretAndTheLimitOnEveryApi() {
        String yaml = new WorkerYaml("127.0.0.1:9092")
                .tencentRoute("tencent", URI.create("http://127.0.0.1:1001"), 1_400_000_001L, "admin", "t-secret", 50)
                .openImRoute("openim", URI.create("http://127.0.0.1:1002"), "imAdmin", "o-secret", 60)
                .rongCloudRoute("rongcloud", URI.create("http://127.0.0.1:1003"), "appkey", "r-secret", 70)
                .text();

        WorkerConfig config = WorkerConfig.parse(yaml, Map.of());

        assertThat(config.route("tencent")).get().isInstanceOfSatisfying(TencentRoute.class, r -> {
            assertThat(r.secretKey().reveal()).isEqualTo("t-secret");
            assertThat(r.limits()).containsEntry("modify_group_member_info", 50).allSatisfy((api, l) ->
                    assertThat(l).isEqualTo(50));
        });
        assertThat(config.route("openim")).get().isInstanceOfSatisfying(OpenImRoute.class, r -> {
            assertThat(r.endpoint()).isEqualTo(URI.create("http://127.0.0.1:1002"));
            assertThat(r.secret().reveal()).isEqualTo("o-secret");
            assertThat(r.limits()).hasSize(8).containsEntry("group/mute_group_member", 60)
                    .allSatisfy((api, l) -> assertThat(l).isEqualTo(60));
        });
        assertThat(config.route("rongcloud")).get().isInstanceOfSatisfying(RongCloudRoute.class, r -> {
            assertThat(r.backupEndpoint()).isEqualTo(Optional.empty());
            assertThat(r.appKey()).isEqualTo("appkey");
            assertThat(r.limits()).containsOnly(Map.entry("group/profile/update", 70),
                    Map.entry("group/member/set", 70), Map.entry("group/member/specific/query", 70));
        });
    }

    @Test
    void theTestkitNamesEveryApiTheWorkerLimitsWithTheWorkersDefault() {
        String yaml = new WorkerYaml("127.0.0.1:9092")
                .tencentRoute("tencent", URI.create("http://127.0.0.1:1001"), 1_400_000_001L, "admin", "t-secret", 50)
                .openImRoute("openim", URI.create("http://127.0.0.1:1002"), "imAdmin", "o-secret", 60)
                .rongCloudRoute("rongcloud", URI.create("http://127.0.0.1:1003"), "appkey", "r-secret", 70)
                .text()
                .replaceAll("(?m)^    limits: .*\n", "");

        WorkerConfig config = WorkerConfig.parse(yaml, Map.of());

        for (VendorApis vendor : VendorApis.values()) {
            Map<String, Integer> defaults = new LinkedHashMap<>();
            vendor.apis().forEach(api -> defaults.put(api, vendor.defaultLimit()));
            assertThat(config.route(vendor.configName()).orElseThrow().limits()).as(vendor.configName())
                    .containsExactlyInAnyOrderEntriesOf(defaults);
        }
    }
}
