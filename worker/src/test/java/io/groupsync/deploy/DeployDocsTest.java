package io.groupsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.config.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What README "Deploying" and the dashboard promise beside the manifests: the topic commands fit the scaler and the
 * config, the image is built from the sources alone, and the dashboard is one Grafana can import as it is.
 */
class DeployDocsTest {

    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path dir;

    @Test
    void theReadmesTopicCommandsGiveTheInputOnePartitionPerInstanceAndTheDeadLettersRoomForWhatTheProducerSends()
            throws Exception {
        String readme = Files.readString(README);
        Crds.ScaledObject scaled = Manifests.only(Manifests.BASE.resolve("scaledobject.yaml"), Crds.ScaledObject.class);
        assertThat(number(readme, "--topic groupsync\\.changes --partitions (\\d+)"))
                .isEqualTo(scaled.spec().maxReplicaCount());

        String yaml = Files.readString(Manifests.BASE.resolve("groupsync.yaml"))
                .replace("/run/secrets/groupsync", Files.createDirectories(dir.resolve("s")).toString());
        for (String key : List.of("tencent-secret-key", "openim-secret", "rongcloud-app-secret")) {
            Files.writeString(dir.resolve("s").resolve(key), "s3cret-0123456789abcdef");
        }
        WorkerConfig config = WorkerConfig.parse(yaml, Map.of("POD_NAME", "groupsync-0", "POD_IP", "127.0.0.1"));
        int deadLetterMax = number(readme, "--topic groupsync\\.dead-letters [^\\n]*\\\\\\n[^\\n]*max\\.message\\.bytes=(\\d+)");
        int inputMax = number(readme, "--topic groupsync\\.changes [^\\n]*\\\\\\n[^\\n]*max\\.message\\.bytes=(\\d+)");
        assertThat(Integer.parseInt(config.kafka().producer().get("max.request.size"))).isEqualTo(deadLetterMax);
        assertThat(deadLetterMax).as("an input record and the dead letter's headers").isGreaterThan(inputMax);
    }

    @Test
    void theImageIsBuiltFromTheSourcesAloneNeverAHostsBuildOutput() throws Exception {
        assertThat(Files.readAllLines(Manifests.DEPLOY.resolve("Dockerfile.dockerignore"))).contains("**/target");
    }

    @Test
    void theDashboardIsOneGrafanaImportsWithItsPanelsApartAndEachOnTheChosenDatasource() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Manifests.DEPLOY.resolve("grafana/groupsync.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("groupsync");
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id: " + title).isTrue();
            assertThat(panel.path("description").asText()).as(title).isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(title).isNotEmpty().allSatisfy(t ->
                    assertThat(t.path("datasource").path("uid").asText()).isEqualTo("${datasource}"));
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title).isLessThanOrEqualTo(24);
            for (int x = grid.path("x").asInt(); x < grid.path("x").asInt() + grid.path("w").asInt(); x++) {
                for (int y = grid.path("y").asInt(); y < grid.path("y").asInt() + grid.path("h").asInt(); y++) {
                    assertThat(cells.add(x + "," + y)).as(title + " overlaps another panel").isTrue();
                }
            }
        }
        assertThat(dashboard.path("templating").path("list")).extracting(v -> v.path("name").asText())
                .containsExactly("datasource", "namespace");
    }

    private static int number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
