package io.groupsync.imapi.openim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenImExTest {

    private static Map<String, String> patch(String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    @Test
    void anEmptyExIsAnEmptyObject() throws Exception {
        assertThat(OpenImEx.merge("", OpenImEx.mergePatch(patch("a", "1")), "group g1")).isEqualTo("{\"a\":\"1\"}");
        assertThat(OpenImEx.merge("", OpenImEx.mergePatch(patch("a", null)), "group g1")).isEqualTo("{}");
    }

    @Test
    void setsAndDeletesOnlyTheKeysOfThePatchKeepingTheRestAsTheyAre() throws Exception {
        String current = "{\"a\":\"1\",\"nested\":{\"x\":[1,2]},\"b\":\"2\"}";

        String merged = OpenImEx.merge(current, OpenImEx.mergePatch(patch("b", null, "a", "one", "c", "3")),
                "group g1");

        assertThat(merged).isEqualTo("{\"a\":\"one\",\"nested\":{\"x\":[1,2]},\"c\":\"3\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"new ex", "[1,2]", "\"text\"", "42", "{\"unclosed\":", "null"})
    void refusesAnExThatIsNotAJsonObjectWithoutQuotingIt(String current) {
        assertThatThrownBy(() -> OpenImEx.merge(current, OpenImEx.mergePatch(patch("k", "v")), "member ann of g1"))
                .isInstanceOf(OpenImEx.NotAnObject.class)
                .hasMessageStartingWith("ex of member ann of g1 at OpenIM is not a JSON object")
                .hasMessageNotContaining(current);
    }
}
