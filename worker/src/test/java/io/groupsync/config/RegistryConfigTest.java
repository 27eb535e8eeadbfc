package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.schemas.WireFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry section: its defaults, the settings that need one another, and secrets that never show. */
class RegistryConfigTest {

    private static final String PASSWORD = "registry-password-Hq27";
    private static final String TOKEN = "registry-token-Vb19";

    @TempDir
    Path dir;

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("OPENIM_SECRET", "s"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static RegistryConfig parse(String registry, Map<String, String> env) {
        return WorkerConfig.parse(Configs.minimalWith("registry:\n" + registry.indent(2)), env).registry();
    }

    private static ConfigException refused(String registry, Map<String, String> env) {
        try {
            parse(registry, env);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("accepted: " + registry);
    }

    @Test
    void leftOutThereIsNoRegistryAndEveryOutputIsSingleObject() {
        RegistryConfig registry = WorkerConfig.parse(Configs.minimal(), env()).registry();
        assertThat(registry.url()).isEmpty();
        assertThat(registry.client()).isEmpty();
        assertThat(registry.resultsFormat()).isEqualTo(WireFormat.SINGLE_OBJECT);
        assertThat(registry.deadLettersFormat()).isEqualTo(WireFormat.SINGLE_OBJECT);
        assertThat(registry.autoRegister()).isTrue();
        assertThat(registry.retryBackoff()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRegistryWithBasicAuthFromTheEnvironmentIsReadAndItsPasswordNeverPrinted() {
        RegistryConfig registry = parse("""
                url: https://registry.internal:8081/
                username: groupsync
                password: ${env:REGISTRY_PASSWORD}
                results-format: registry
                auto-register: false
                """, env("REGISTRY_PASSWORD", PASSWORD));
        assertThat(registry.url()).contains(URI.create("https://registry.internal:8081"));
        assertThat(registry.password().orElseThrow().reveal()).isEqualTo(PASSWORD);
        assertThat(registry.resultsFormat()).isEqualTo(WireFormat.REGISTRY);
        assertThat(registry.autoRegister()).isFalse();
        assertThat(registry.toString()).doesNotContain(PASSWORD);
        assertThat(registry.client().orElseThrow().toString()).doesNotContain(PASSWORD).contains("basic ****");
    }

    @Test
    void aRegistryFormatWithoutAUrlNamesTheFormatSetting() {
        assertThat(refused("results-format: registry", env()).problems())
                .containsExactly(new ConfigException.Problem("registry.results-format",
                        "registry needs registry.url"));
        assertThat(refused("dead-letters-format: registry", env()).problems())
                .extracting(ConfigException.Problem::setting).containsExactly("registry.dead-letters-format");
    }

    @Test
    void aUrlHoldingAPasswordIsRefusedWithoutQuotingIt() {
        ConfigException refused = refused("url: https://svc:" + PASSWORD + "@r:8081", env());
        assertThat(refused.problems()).extracting(ConfigException.Problem::setting).containsExactly("registry.url");
        assertThat(refused.getMessage()).doesNotContain(PASSWORD);
    }

    @Test
    void anUnknownFormatIsRefusedWithTheKnownOnes() {
        assertThat(refused("url: http://r:8081\nresults-format: confluent", env()).getMessage())
                .startsWith("registry.results-format: 'confluent' is not one of single-object, registry");
    }

    @Test
    void halfOfBasicAuthOrBasicAndBearerTogetherAreRefused() {
        assertThat(refused("url: http://r:8081\nusername: u", env()).problems())
                .extracting(ConfigException.Problem::setting).containsExactly("registry.password");
        assertThat(refused("url: http://r:8081\npassword: ${env:P}", env("P", PASSWORD)).problems())
                .extracting(ConfigException.Problem::setting).containsExactly("registry.username");
        ConfigException both = refused("url: http://r:8081\nusername: u\npassword: ${env:P}\n"
                + "bearer-token: ${env:T}", env("P", PASSWORD, "T", TOKEN));
        assertThat(both.problems()).extracting(ConfigException.Problem::setting)
                .containsExactly("registry.bearer-token");
        assertThat(both.getMessage()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }

    @Test
    void aSecretWrittenInTheFileIsRefusedWithoutQuotingIt() {
        ConfigException e = refused("url: http://r:8081\nbearer-token: " + TOKEN, env());
        assertThat(e.problems()).extracting(ConfigException.Problem::setting).containsExactly("registry.bearer-token");
        assertThat(e.getMessage()).doesNotContain(TOKEN);
    }

    @Test
    void aTrustStoreThatCannotBeReadNamesTheSettingAndNotThePassword() throws IOException {
        Path bogus = Files.writeString(dir.resolve("ca.p12"), "not a key store");
        ConfigException e = refused("url: https://r:8081\ntrust-store: " + bogus
                + "\ntrust-store-password: ${env:TP}", env("TP", PASSWORD));
        assertThat(e.problems()).extracting(ConfigException.Problem::setting).containsExactly("registry.trust-store");
        assertThat(e.getMessage()).contains("PKCS12 trust store").doesNotContain(PASSWORD);
        assertThat(refused("url: https://r:8081\ntrust-store-password: ${env:TP}", env("TP", PASSWORD)).problems())
                .extracting(ConfigException.Problem::setting).containsExactly("registry.trust-store-password");
    }

    @Test
    void aUrlWithCredentialsInItIsRefused() {
        ConfigException e = refused("url: https://user:" + PASSWORD + "@r:8081", env());
        assertThat(e.problems()).extracting(ConfigException.Problem::setting).containsExactly("registry.url");
    }
}
