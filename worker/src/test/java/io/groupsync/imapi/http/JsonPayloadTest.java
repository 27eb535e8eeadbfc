package io.groupsync.imapi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.imapi.VendorCall;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A JSON body stays a tree for batching and is written as compact UTF-8 JSON only when asked. */
class JsonPayloadTest {

    private final ObjectNode tree = JsonNodeFactory.instance.objectNode().put("GroupId", "g1").put("Name", "名");

    @Test
    void encodesTheTreeAsCompactUtf8Json() {
        JsonPayload payload = new JsonPayload("POST /x ", tree);

        assertThat(new String(payload.encode(), StandardCharsets.UTF_8))
                .isEqualTo("{\"GroupId\":\"g1\",\"Name\":\"名\"}");
        assertThat(payload.contentType()).isEqualTo("application/json");
    }

    @Test
    void showsTheRequestAsItsHeadThenTheBodyAsSent() {
        assertThat(new VendorCall("x", Set.of(), new JsonPayload("POST /x?usersig=<redacted>\n", tree)).redacted())
                .isEqualTo("POST /x?usersig=<redacted>\n{\"GroupId\":\"g1\",\"Name\":\"名\"}");
    }

    @Test
    void handsBatchingThePlannedTreeItselfAndRefusesACallPlannedOtherwise() {
        VendorCall json = new VendorCall("x", Set.of(), new JsonPayload("", tree));
        VendorCall bytes = new VendorCall("x", Set.of(), new byte[0], "", "text/plain");

        assertThat(JsonPayload.treeOf(json)).isSameAs(tree);
        assertThatThrownBy(() -> JsonPayload.treeOf(bytes)).isInstanceOf(IllegalArgumentException.class);
    }
}
