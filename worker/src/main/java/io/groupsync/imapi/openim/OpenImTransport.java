package io.groupsync.imapi.openim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.imapi.WireGate;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * OpenIM's wire: {@code POST {API_ADDRESS}/{api}} with a JSON body and the headers {@code operationID} and
 * {@code token}, asynchronous on the shared OkHttpClient. Answers come back unclassified; an I/O failure
 * completes the future exceptionally. Closing cancels the calls still in flight, so shutdown never waits on a
 * slow vendor, and refuses new ones.
 */
final class OpenImTransport {

    /**
     * An HTTP answer.
     *
     * @param envelope   the body when it is a JSON object, else null
     * @param text       the body when it is not a JSON object (a proxy's error page), else null
     * @param retryAfter the {@code Retry-After} header, or null
     */
    record Answer(int status, JsonNode envelope, String text, String retryAfter) {
    }

    static final String OPERATION_ID = "operationID";
    static final String TOKEN = "token";

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final HttpUrl base;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    OpenImTransport(OkHttpClient http, URI apiAddress) {
        this.http = http;
        this.base = HttpUrl.get(apiAddress.toString());
    }

    /**
     * POSTs {@code body} to {@code api}, held by {@code gate} right before it is written; {@code token} null sends
     * none (only {@code get_admin_token}).
     */
    CompletableFuture<Answer> post(String api, byte[] body, String operationID, String token, WireGate gate) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        if (closed) {
            answer.completeExceptionally(new IOException("the OpenIM client is closed"));
            return answer;
        }
        Request.Builder request = VendorHttp.pacedBy(new Request.Builder(), gate, api)
                .url(base.newBuilder().addPathSegments(api).build())
                .header(OPERATION_ID, operationID)
                .post(RequestBody.create(body, JSON_TYPE));
        if (token != null) {
            request.header(TOKEN, token);
        }
        Call call = http.newCall(request.build());
        inFlight.add(call);
        if (closed) {
            // close() may have run between the check above and the add: do not leave this call behind.
            call.cancel();
        }
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                inFlight.remove(c);
                answer.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call c, Response response) {
                inFlight.remove(c);
                try (response) {
                    answer.complete(read(response));
                } catch (IOException | RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }
        });
        return answer;
    }

    void close() {
        closed = true;
        inFlight.forEach(Call::cancel);
    }

    private static Answer read(Response response) throws IOException {
        String text = response.body().string();
        JsonNode envelope = null;
        try {
            JsonNode parsed = text.isEmpty() ? null : JSON.readTree(text);
            envelope = parsed != null && parsed.isObject() ? parsed : null;
        } catch (IOException notJson) {
            // Left null: a proxy's page, classified by its status.
        }
        return new Answer(response.code(), envelope, envelope == null ? text : null, response.header("Retry-After"));
    }
}
