package io.groupsync.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.config.RegistryConfig;
import io.groupsync.config.Secret;
import io.groupsync.event.GroupChange;
import io.groupsync.schemas.registry.Credentials;
import io.groupsync.schemas.registry.RegistryClient;
import io.groupsync.schemas.registry.RegistryException;
import io.groupsync.testkit.registry.SchemaRegistryStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry served over https with a private CA is reached through the trust store the settings name. */
class RegistryTlsTest {

    private static final String PASSWORD = "store-pass-Tz5";

    @TempDir
    static Path dir;

    private SchemaRegistryStub registry;
    private Path trustStore;

    @BeforeEach
    void start() throws Exception {
        Path keyStore = dir.resolve("registry.p12");
        Path cert = dir.resolve("registry.crt");
        trustStore = dir.resolve("trust.p12");
        // One key pair for the class: keytool takes a few seconds.
        if (!trustStore.toFile().exists()) {
            keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD);
            keytool("-exportcert", "-alias", "registry", "-rfc", "-file", cert.toString(),
                    "-keystore", keyStore.toString(), "-storepass", PASSWORD);
            keytool("-importcert", "-noprompt", "-alias", "registry-ca", "-file", cert.toString(),
                    "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        }
        registry = SchemaRegistryStub.open().tls(keyStore, PASSWORD.toCharArray()).start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void theTrustStoreInTheSettingsLetsTheWorkerReachTheRegistry() throws Exception {
        RegistryConfig settings = RegistryConfig.at(registry.url(), WireFormat.REGISTRY, WireFormat.SINGLE_OBJECT)
                .withTrustStore(trustStore.toString(), Secret.of(PASSWORD));
        RegistryCodec<GroupChange> codec = RegistryCodec.groupChange(settings.client().orElseThrow(), 10);
        assertThat(codec.writerId("changes-value", true)).isPositive();
        assertThat(registry.url().getScheme()).isEqualTo("https");
    }

    @Test
    void withoutTheTrustStoreTheCertificateIsRefusedAsAnUnreachableRegistry() {
        RegistryClient untrusting = new RegistryClient(registry.url(), Credentials.none(), null, Duration.ofSeconds(5));
        assertThatThrownBy(() -> RegistryCodec.groupChange(untrusting, 10).writerId("changes-value", true))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).contains("SSLHandshakeException");
                });
        assertThat(registry.subjects()).as("nothing registered").isEmpty();
    }
}
