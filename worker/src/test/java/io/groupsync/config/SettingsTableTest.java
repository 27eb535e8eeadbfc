package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTableTest {

    @Test
    void everySettingHasADocADefaultAndAUniqueNamePerVendor() {
        List<SettingInfo> all = WorkerConfig.describe();
        assertThat(all).allSatisfy(s -> {
            assertThat(s.doc()).as(s.name()).isNotBlank();
            assertThat(s.defaultText()).as(s.name()).isNotBlank();
            assertThat(s.typeName()).as(s.name()).isNotBlank();
        });
        assertThat(all.stream().map(s -> s.name() + s.vendors()).distinct()).hasSameSizeAs(all);
    }

    @Test
    void theTableDescribesDefaultsAsAnOperatorWritesThem() {
        assertThat(Settings.named("pipeline.commit-interval").defaultText()).isEqualTo("100ms");
        assertThat(Settings.named("routes[].usersig-ttl").defaultText()).isEqualTo("24h");
        assertThat(Settings.named("kafka.bootstrap-servers").defaultText()).isEqualTo("required");
        assertThat(Settings.named("pipeline.commit-interval").envVar()).isEqualTo("GROUPSYNC_PIPELINE_COMMIT_INTERVAL");
        assertThat(Settings.named("routes[].limits.forbid_send_msg").envVar())
                .isEqualTo("GROUPSYNC_ROUTES_<ROUTE>_LIMITS_FORBID_SEND_MSG");
        assertThat(Settings.named("routes[].name").envVar()).isEqualTo("-");
    }

    @Test
    void theMarkdownTableHasARowPerSettingAndEscapesPipes() {
        String table = Settings.markdownTable();
        assertThat(table.lines()).hasSize(WorkerConfig.describe().size() + 2);
        assertThat(table).contains("| routes[].region | tencent | string | none | GROUPSYNC_ROUTES_<ROUTE>_REGION | "
                + "Picks the endpoint from Tencent's domains: china \\| singapore");
    }

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"100ms, 100", "5s, 5000", "2m, 120000", "24h, 86400000", "7d, 604800000", "PT5S, 5000",
            "PT0.25S, 250", "-1s, -1000"})
    void durationsAcceptShortFormsAndIso8601(String text, long millis) {
        assertThat(ValueTypes.parseDuration(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
