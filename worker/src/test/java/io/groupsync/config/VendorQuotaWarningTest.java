package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A limit above the vendor's documented quota is not refused (an account can buy more) but warned about, naming the
 * quota and where it is documented; a base URL with a path the client appends itself is refused elsewhere
 * ({@link BrokenConfigTest}), and a proxy's own prefix is kept.
 */
class VendorQuotaWarningTest {

    private static final Map<String, String> ENV = Map.of("K", "v");

    @Test
    void aTencentLimitAboveTheDocumentedQuotaIsWarnedAboutNotRefused() {
        WorkerConfig config = WorkerConfig.parse(Configs.withRoute("""
                  - { name: t, vendor: tencent, region: china, sdk-app-id: 1, identifier: admin, secret-key: "${env:K}",
                      limits: { modify_group_base_info: 5000, forbid_send_msg: 200 } }
                """), ENV);

        assertThat(config.route("t").orElseThrow().limits()).containsEntry("modify_group_base_info", 5000);
        assertThat(config.warnings()).singleElement().asString()
                .startsWith("routes[t].limits.modify_group_base_info: above Tencent's documented quota of 200 calls/s")
                .contains("Maximum call frequency");
    }

    @Test
    void aRongCloudLimitAboveItsQuotaIsWarnedAboutOnEachApi() {
        WorkerConfig config = WorkerConfig.parse(Configs.withRoute("""
                  - { name: r, vendor: rongcloud, region: china, app-key: k, app-secret: "${env:K}",
                      limits: { group/profile/update: 101, group/member/set: 1000 } }
                """), ENV);

        assertThat(config.warnings()).hasSize(2).allSatisfy(w -> assertThat(w)
                .contains("above RongCloud's documented quota of 100 calls/s"));
    }

    @Test
    void vendorDefaultsAndAVendorWithoutAQuotaWarnOfNothing() {
        WorkerConfig config = WorkerConfig.parse(Configs.FULL.replace("admin-user-id: root",
                "admin-user-id: root\n    limits: { group/mute_group: 100000 }"), Configs.ENV);

        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void anEndpointBehindAProxyPrefixIsKept() {
        WorkerConfig config = WorkerConfig.parse(Configs.withRoute("""
                  - { name: t, vendor: tencent, endpoint: "https://proxy.example/tencent/", sdk-app-id: 1,
                      identifier: admin, secret-key: "${env:K}" }
                  - { name: o, vendor: openim, endpoint: "https://im.example/api", secret: "${env:K}" }
                """), ENV);

        assertThat(config.route("t").orElseThrow().endpoint()).hasToString("https://proxy.example/tencent");
        assertThat(config.route("o").orElseThrow().endpoint()).hasToString("https://im.example/api");
    }
}
