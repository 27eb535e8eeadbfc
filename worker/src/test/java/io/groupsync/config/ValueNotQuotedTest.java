package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A message quotes only what is written in the file itself: a value that came from {@code ${env:…}} or
 * {@code ${file:…}}, or from an environment override, may be a secret put in the wrong place (a deployment's
 * environment often comes from a secret store), so a problem with it names where it came from instead. Checked for
 * every setting of the table, through both ways a value enters without being written in the file.
 */
class ValueNotQuotedTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Bad for every type but free text, an int out of range, a negative duration. */
    private static final List<String> LEAKS = List.of("EnvSecret-Q1w2E3r4", "-987654", "-987654s");

    /** The setting types no leaked value above can pass: a problem must name the setting. */
    private static final Set<String> TYPED = Set.of("int", "long", "duration", "boolean", "url");

    private static final Map<VendorKind, String> ROUTE = Map.of(VendorKind.TENCENT, "tencent-cn",
            VendorKind.OPENIM, "openim-main", VendorKind.RONGCLOUD, "rong");

    static Stream<Arguments> everySettingAndLeak() {
        List<Arguments> cases = new ArrayList<>();
        for (SettingInfo setting : Settings.ALL) {
            if (!setting.typeName().equals("list")) {
                LEAKS.forEach(leak -> cases.add(arguments(Named.of(setting.name(), setting), leak)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everySettingAndLeak")
    void aValueFromAPlaceholderIsNeverQuoted(SettingInfo setting, String leak) throws Exception {
        Map<String, String> env = new HashMap<>(Configs.ENV);
        env.put("LEAK", leak);

        String yaml = placed(setting, "${env:LEAK}");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> WorkerConfig.parse(yaml, env));

        assertNotQuoted(e, leak);
        if (mustRefuse(setting, leak)) {
            assertThat(e).as("refused").isNotNull();
            assertThat(e.getMessage()).contains("the value of ${env:LEAK}");
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everySettingAndLeak")
    void aValueFromAnEnvironmentOverrideIsNeverQuoted(SettingInfo setting, String leak) {
        if (setting.envVar().equals("-")) {
            return;
        }
        Map<String, String> env = new HashMap<>(Configs.ENV);
        setting.vendors().forEach(v -> env.put(setting.envVar().replace("<ROUTE>", EnvOverrides.token(ROUTE.get(v))),
                leak));
        if (setting.vendors().isEmpty()) {
            env.put(setting.envVar(), leak);
        }

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> WorkerConfig.parse(Configs.FULL, env));

        assertNotQuoted(e, leak);
        if (mustRefuse(setting, leak)) {
            assertThat(e).as("refused").isNotNull();
            assertThat(e.getMessage()).contains("the value of " + EnvOverrides.PREFIX);
        }
    }

    @Test
    void aKafkaPropertyFromAPlaceholderIsNotQuotedInKafkasRefusal() {
        String yaml = Configs.FULL.replace("producer: { linger.ms: 5 }", "producer: { linger.ms: \"${env:LEAK}\" }");
        Map<String, String> env = new HashMap<>(Configs.ENV);
        env.put("LEAK", "EnvSecret-Q1w2E3r4");

        assertThatThrownBy(() -> WorkerConfig.parse(yaml, env)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.getMessage()).startsWith("kafka.producer.linger.ms: Kafka refuses the value of "
                        + "${env:LEAK}").doesNotContain("EnvSecret"));
    }

    @Test
    void aRuleRelatingTwoSettingsQuotesNeitherWhenTheyCameFromPlaceholders() {
        String yaml = Configs.FULL.replace("initial-backoff: 1s", "initial-backoff: ${env:FIRST}")
                .replace("max-backoff: 2m", "max-backoff: ${env:LONGEST}")
                .replace("settle-timeout: PT10S", "settle-timeout: ${env:FIRST}")
                .replace("timeout: 45s", "timeout: ${env:LONGEST}")
                .replace("results: out.results", "results: ${env:TOPIC}")
                .replace("input: in.changes", "input: ${env:TOPIC}");
        Map<String, String> env = new HashMap<>(Configs.ENV);
        env.putAll(Map.of("FIRST", "98765s", "LONGEST", "4321s", "TOPIC", "secret.topic.42"));

        assertThatThrownBy(() -> WorkerConfig.parse(yaml, env)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).extracting(ConfigException.Problem::setting)
                    .contains("dispatch.max-backoff", "shutdown.timeout", "topics.results");
            assertThat(e.getMessage()).doesNotContain("98765").doesNotContain("4321").doesNotContain("1h")
                    .doesNotContain("27h").doesNotContain("secret.topic");
        });
    }

    @Test
    void aRouteNameFromAPlaceholderIsRefusedUnquotedForItNamesTheRouteEverywhere() {
        String yaml = Configs.withRoute("""
                  - name: ${env:LEAK}
                    vendor: openim
                    endpoint: http://127.0.0.1:10002
                    secret: ${env:OPENIM_SECRET}
                """);

        assertThatThrownBy(() -> WorkerConfig.parse(yaml, Map.of("LEAK", "leaked-name", "OPENIM_SECRET", "s")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                        .startsWith("routes[0].name: must be written in the file").doesNotContain("leaked-name"));
    }

    @Test
    void aValueWrittenInTheFileIsStillQuoted() {
        assertThatThrownBy(() -> WorkerConfig.parse(Configs.FULL.replace("sdk-app-id: 1400000001",
                "sdk-app-id: 14OOOOOOO1"), Configs.ENV))
                .hasMessage("routes[tencent-cn].sdk-app-id: '14OOOOOOO1' is not a whole number");
    }

    /** The full config with {@code setting} given {@code value} in the file, in every route that has it. */
    private static String placed(SettingInfo setting, String value) throws JsonProcessingException {
        @SuppressWarnings("unchecked")
        Map<String, Object> root = YAML.readValue(Configs.FULL, Map.class);
        String[] path = setting.name().split("\\.", 3);
        if (setting.vendors().isEmpty()) {
            put(root, List.of(path), setting.typeName().equals("map") ? Map.of("max.poll.records", value) : value);
        } else {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> routes = (List<Map<String, Object>>) root.get("routes");
            for (Map<String, Object> route : routes) {
                if (setting.vendors().stream().anyMatch(v -> v.configName().equals(route.get("vendor")))) {
                    if (setting.key().equals("region")) {
                        route.remove("endpoint");
                    }
                    put(route, List.of(path).subList(1, path.length), value);
                }
            }
        }
        return YAML.writeValueAsString(root);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> map, List<String> path, Object value) {
        if (path.size() == 1) {
            map.put(path.get(0), value);
        } else {
            Object child = map.get(path.get(0));
            Map<String, Object> next = child instanceof Map<?, ?> m ? new HashMap<>((Map<String, Object>) m)
                    : new HashMap<>();
            map.put(path.get(0), next);
            put(next, path.subList(1, path.size()), value);
        }
    }

    /** A value of a typed setting (or an enum's) that no parser takes: the check must have found it. */
    private static boolean mustRefuse(SettingInfo setting, String leak) {
        boolean typed = TYPED.contains(setting.typeName()) || setting.key().equals("vendor")
                || setting.key().equals("region");
        return typed && leak.equals(LEAKS.get(0));
    }

    private static void assertNotQuoted(ConfigException e, String leak) {
        if (e != null) {
            assertThat(e.getMessage()).doesNotContain(leak).doesNotContain(leak.replaceAll("^-|s$", ""));
        }
    }
}
