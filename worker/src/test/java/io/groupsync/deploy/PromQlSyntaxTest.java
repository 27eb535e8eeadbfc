package io.groupsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts and the dashboard's queries are PromQL that Prometheus accepts: {@code promtool check rules} on the
 * PrometheusRule's groups, and on each panel query as a recording rule (Grafana's variables given values).
 * Skipped where promtool (Debian's prometheus package) is not installed.
 */
class PromQlSyntaxTest {

    private static final ObjectMapper YAML = new YAMLMapper();

    @TempDir
    Path dir;

    @Test
    void theAlertRulesPassPromtool() throws Exception {
        Object spec = YAML.readTree(Manifests.BASE.resolve("prometheusrule.yaml").toFile()).get("spec");
        Path rules = dir.resolve("alerts.yml");
        YAML.writeValue(rules.toFile(), spec);
        assertThat(promtool(rules)).contains("SUCCESS: 6 rules found");
    }

    @Test
    void everyPanelQueryPassesPromtool() throws Exception {
        List<Map<String, String>> recorded = new ArrayList<>();
        List<Queries.Query> queries = Queries.dashboard();
        for (int i = 0; i < queries.size(); i++) {
            String expr = queries.get(i).expr().replace("$__rate_interval", "1m").replace("$namespace", "groupsync");
            recorded.add(Map.of("record", "dashboard:query_" + i, "expr", expr));
        }
        Path rules = dir.resolve("dashboard.yml");
        YAML.writeValue(rules.toFile(), Map.of("groups", List.of(Map.of("name", "dashboard", "rules", recorded))));
        assertThat(promtool(rules)).contains("SUCCESS: " + queries.size() + " rules found");
    }

    private static String promtool(Path rules) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("promtool", "check", "rules", rules.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException missing) {
            assumeTrue(false, "promtool is not installed: " + missing.getMessage());
            throw missing;
        }
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            return out;
        } finally {
            process.destroyForcibly();
        }
    }
}
