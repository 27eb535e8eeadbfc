package io.groupsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.process.CliRun;
import io.groupsync.testkit.process.WorkerYaml;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Options that cannot work stop the ops commands before they reach Kafka, with one line saying what to write. */
class OpsUsageTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "replay --dry-run --execute|--dry-run and --execute exclude each other",
        "replay --rate 0|--rate and --batch must be positive",
        "replay --source-offsets 7|--source-offsets takes FIRST..LAST",
        "tail results --from yesterday|--from takes beginning, end or an ISO time",
        "tail everything|tail reads results, dead-letters or input, not everything"})
    void isRefusedSayingWhat(String command, String message) throws Exception {
        Path config = new WorkerYaml("127.0.0.1:9").tencentRoute("tencent", URI.create("http://127.0.0.1:9"),
                1_400_000_001L, "administrator", "secret", 10).write(dir.resolve("groupsync.yaml"));
        String[] args = (command + " --config " + config).split(" ");

        CliRun run = CliRun.of(dir.resolve("run"), Map.of(), Duration.ofMinutes(1), args);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("groupsync: " + message);
        assertThat(run.stdout()).isEmpty();
    }
}
