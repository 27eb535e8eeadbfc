package io.groupsync.testkit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator launcher as scripts/dev-stack runs it: its own JVM, its lines on stdout, gone when its parent is. */
class EmulatorMainTest {

    @TempDir
    Path dir;

    @Test
    void printsEachChosenEmulatorsUrlAndCredentialsLogsItsCallsAndEndsWhenStdinCloses() throws Exception {
        Path log = dir.resolve("stderr.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName(),
                "--secret", "s3cret", "--env-file", dir.resolve("emulators.env").toString(), "tencent", "rongcloud")
                .redirectError(log.toFile()).start();
        try {
            Map<String, String> lines = new LinkedHashMap<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            while (lines.size() < 7) {
                String line = out.readLine();
                assertThat(line).as("a line on stdout; stderr: %s", log).isNotNull();
                lines.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }

            assertThat(lines.keySet()).containsExactly("TENCENT_URL", "TENCENT_SDK_APP_ID", "TENCENT_IDENTIFIER",
                    "TENCENT_SECRET_KEY", "RONGCLOUD_URL", "RONGCLOUD_APP_KEY", "RONGCLOUD_APP_SECRET");
            assertThat(lines).containsEntry("TENCENT_SECRET_KEY", "s3cret").containsEntry("RONGCLOUD_APP_SECRET",
                    "s3cret");
            assertThat(Files.readAllLines(dir.resolve("emulators.env")))
                    .containsExactlyElementsOf(lines.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .toList());
            URI badlySigned = URI.create(lines.get("TENCENT_URL") + "/v4/group_open_http_svc/get_group_info"
                    + "?sdkappid=" + lines.get("TENCENT_SDK_APP_ID") + "&identifier=administrator&usersig=x"
                    + "&random=1&contenttype=json");
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(badlySigned)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).contains("70003");

            process.getOutputStream().close();

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited once stdin closed").isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(Files.readAllLines(log)).contains("tencent get_group_info: HTTP 200, code 70003");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void refusesAVendorItDoesNotEmulate() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName(), "whatsapp")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(false).start();
        try {
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(stderr).contains("no emulator whatsapp; choose from " + List.of("tencent", "openim",
                    "rongcloud") + " or all");
        } finally {
            process.destroyForcibly();
        }
    }
}
