package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/groupsync.example.yaml is what operators copy: it must parse, and it must show every setting. */
class ExampleConfigTest {

    // Maven runs the tests in the module directory.
    private static final Path EXAMPLE = Path.of("..", "deploy", "groupsync.example.yaml");

    @TempDir
    Path dir;

    @Test
    void theExampleParsesWithTheSecretsItNames() throws IOException {
        // The example reads the OpenIM secret from a mounted file; point that path at a temporary one.
        Path openImSecret = Files.writeString(dir.resolve("openim"), "from-file\n");
        Path copy = Files.writeString(dir.resolve("groupsync.yaml"),
                Files.readString(EXAMPLE).replace("/run/secrets/openim", openImSecret.toString()));

        WorkerConfig config = WorkerConfig.load(copy,
                Map.of("TENCENT_SECRET_KEY", "t", "RONG_SECRET", "r", "HOSTNAME", "worker-1"));

        assertThat(config.routes()).extracting(RouteConfig::vendor)
                .containsExactly(VendorKind.TENCENT, VendorKind.OPENIM, VendorKind.RONGCLOUD);
        assertThat(((OpenImRoute) config.route("openim-main").orElseThrow()).secret().reveal()).isEqualTo("from-file");
        assertThat(config.kafka().consumer()).containsEntry("max.poll.records", "500");
    }

    @Test
    void theExampleMentionsEverySetting() throws IOException {
        String example = Files.readString(EXAMPLE);
        assertThat(WorkerConfig.describe())
                .allSatisfy(setting -> assertThat(example).as(setting.name()).contains(setting.key() + ":"));
    }
}
