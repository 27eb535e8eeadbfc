package io.groupsync.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stub answers as Confluent's registry documents: its routes, error codes, compatibility and auth. */
class SchemaRegistryStubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
    private static final String V2_WITH_DEFAULT = "{\"type\":\"record\",\"name\":\"R\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";
    private static final String V2_WITHOUT_DEFAULT = "{\"type\":\"record\",\"name\":\"R\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}]}";

    private final HttpClient http = HttpClient.newHttpClient();
    private SchemaRegistryStub registry = SchemaRegistryStub.open().start();

    @AfterEach
    void stop() {
        registry.close();
    }

    private record Answer(int status, JsonNode body) {
        int errorCode() {
            return body.path("error_code").asInt();
        }
    }

    private Answer get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.GET());
    }

    private Answer post(String path, String schema) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema)))));
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    @Test
    void aRegisteredSchemaIsServedByItsIdAndFoundUnderItsSubject() throws Exception {
        Answer registered = post("/subjects/t-value/versions", V1);
        assertThat(registered.status()).isEqualTo(200);
        int id = registered.body().path("id").asInt();
        assertThat(get("/schemas/ids/" + id, null).body().path("schema").asText()).isEqualTo(V1);
        Answer found = post("/subjects/t-value", V1);
        assertThat(found.body().path("id").asInt()).isEqualTo(id);
        assertThat(found.body().path("version").asInt()).isEqualTo(1);
        assertThat(post("/subjects/t-value/versions", V1).body().path("id").asInt()).as("idempotent").isEqualTo(id);
        assertThat(post("/subjects/other-value/versions", V1).body().path("id").asInt()).as("one id across subjects")
                .isEqualTo(id);
        assertThat(get("/subjects/t-value/versions/latest", null).body().path("id").asInt()).isEqualTo(id);
    }

    @Test
    void whatIsNotThereIsA404WithTheRegistrysOwnErrorCode() throws Exception {
        post("/subjects/t-value/versions", V1);
        Answer unknownId = get("/schemas/ids/77", null);
        assertThat(unknownId.status()).isEqualTo(404);
        assertThat(unknownId.errorCode()).isEqualTo(40403);
        assertThat(post("/subjects/nope-value", V1).errorCode()).isEqualTo(40401);
        assertThat(post("/subjects/t-value", V2_WITH_DEFAULT).errorCode()).isEqualTo(40403);
        assertThat(get("/subjects/t-value/versions/2", null).errorCode()).isEqualTo(40402);
        assertThat(get("/subjects/nope-value/versions/1", null).errorCode()).isEqualTo(40401);
        assertThat(get("/no/such/route", null).status()).isEqualTo(404);
    }

    @Test
    void aNewVersionMustReadTheLatestOrIsA409() throws Exception {
        post("/subjects/t-value/versions", V1);
        Answer incompatible = post("/subjects/t-value/versions", V2_WITHOUT_DEFAULT);
        assertThat(incompatible.status()).isEqualTo(409);
        assertThat(incompatible.errorCode()).isEqualTo(409);
        assertThat(incompatible.body().path("message").asText()).contains("incompatible");
        Answer compatible = post("/subjects/t-value/versions", V2_WITH_DEFAULT);
        assertThat(compatible.status()).isEqualTo(200);
        assertThat(get("/subjects/t-value/versions/2", null).body().path("id").asInt())
                .isEqualTo(compatible.body().path("id").asInt());
    }

    @Test
    void anInvalidSchemaOrAWrongMediaTypeIsRefused() throws Exception {
        Answer invalid = post("/subjects/t-value/versions", "{\"type\":\"recrod\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42201);
        Answer text = send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/t-value/versions"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(V1)));
        assertThat(text.status()).isEqualTo(415);
    }

    @Test
    void withCredentialsConfiguredEveryRequestWithoutThemIs401() throws Exception {
        registry.close();
        registry = SchemaRegistryStub.withBasicAuth("u", "p").start();
        int id = registry.register("t-value", V1);
        assertThat(get("/schemas/ids/" + id, null).status()).isEqualTo(401);
        assertThat(get("/schemas/ids/" + id, "Basic " + Base64.getEncoder()
                .encodeToString("u:wrong".getBytes(StandardCharsets.UTF_8))).errorCode()).isEqualTo(401);
        assertThat(get("/schemas/ids/" + id, "Basic " + Base64.getEncoder()
                .encodeToString("u:p".getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(200);
        registry.close();
        registry = SchemaRegistryStub.withBearerToken("tok").start();
        id = registry.register("t-value", V1);
        assertThat(get("/schemas/ids/" + id, "Bearer nope").status()).isEqualTo(401);
        assertThat(get("/schemas/ids/" + id, "Bearer tok").status()).isEqualTo(200);
    }

    @Test
    void stoppedItRefusesConnectionsAndRestartedItServesWhatItHeldAtTheSameAddress() throws Exception {
        int id = registry.register("t-value", V1);
        URI before = registry.url();
        registry.stop();
        assertThatThrownBy(() -> get("/schemas/ids/" + id, null)).isInstanceOf(IOException.class);
        registry.restart();
        assertThat(registry.url()).isEqualTo(before);
        assertThat(get("/schemas/ids/" + id, null).status()).isEqualTo(200);
    }
}
