package io.groupsync.imapi.http;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.Payload;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vendor client's asynchronous calls on the worker's shared {@link OkHttpClient}: OkHttp's callback turned into
 * a future that never completes exceptionally, whatever happens (no answer, a reader that fails, a request that
 * cannot be built, a closed client), so that a client hands the pipeline a classified result, always.
 */
public final class AsyncHttp {

    /** Reads one answer on OkHttp's thread; the response is closed afterwards. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Response response) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AsyncHttp.class);

    private final OkHttpClient http;
    private final String vendor;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param http   the client to send on; not closed here
     * @param vendor names the vendor in the failure of a call made after {@link #cancelAll}
     */
    public AsyncHttp(OkHttpClient http, String vendor) {
        this.http = Objects.requireNonNull(http, "http");
        this.vendor = Objects.requireNonNull(vendor, "vendor");
    }

    /**
     * Builds and sends one request. {@code answered} reads its answer; {@code unanswered} stands in for one when
     * there is none. Both run on OkHttp's thread (or the caller's, when nothing goes out), and what either
     * returns completes the future.
     */
    public <T> CompletableFuture<T> send(Supplier<Request> request, Reader<T> answered,
                                         Function<NoAnswer, T> unanswered) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Call call;
        try {
            call = http.newCall(request.get());
        } catch (RuntimeException e) {
            return complete(result, () -> unanswered.apply(NoAnswer.unbuilt(e)));
        }
        if (closed) {
            return complete(result, () -> unanswered.apply(NoAnswer.failed(
                    new IOException("the " + vendor + " client is closed"), false)));
        }
        inFlight.add(call);
        if (closed) {
            // cancelAll() may have run between the check above and the add: do not leave this call behind.
            call.cancel();
        }
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                inFlight.remove(c);
                complete(result, () -> unanswered.apply(NoAnswer.failed(e, c.isCanceled())));
            }

            @Override
            public void onResponse(Call c, Response response) {
                inFlight.remove(c);
                T read;
                try (response) {
                    read = answered.read(response);
                } catch (IOException | RuntimeException e) {
                    complete(result, () -> unanswered.apply(NoAnswer.failed(e, false)));
                    return;
                }
                result.complete(read);
            }
        });
        return result;
    }

    /** Cancels the calls in flight (they complete through their {@code unanswered}) and refuses new ones. */
    public void cancelAll() {
        closed = true;
        inFlight.forEach(Call::cancel);
    }

    /**
     * A body that encodes {@code payload} when OkHttp first asks for it, on its own thread, once per request
     * (retries build a new one). The media type is read now, so a bad one fails the building of the request.
     */
    public static RequestBody body(Payload payload) {
        return body(payload, payload.contentType());
    }

    /** {@link #body(Payload)} sent as {@code contentType} (a vendor's own spelling of the payload's type). */
    public static RequestBody body(Payload payload, String contentType) {
        MediaType type = MediaType.get(contentType);
        return new RequestBody() {
            private byte[] bytes;

            @Override
            public MediaType contentType() {
                return type;
            }

            @Override
            public long contentLength() {
                return bytes().length;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(bytes());
            }

            private synchronized byte[] bytes() {
                if (bytes == null) {
                    bytes = payload.encode();
                }
                return bytes;
            }
        };
    }

    /**
     * {@code send}'s future, kept to the contract that it never completes exceptionally: an exception a client's
     * own code let escape (a bug, not an answer) becomes a permanent result that says so, cleaned of secrets.
     */
    public static CompletableFuture<CallResult> settled(Supplier<CompletableFuture<CallResult>> send, String what,
                                                        Redaction redaction) {
        CompletableFuture<CallResult> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((result, error) -> {
            if (error == null) {
                return result;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            LOG.error("failed to send {}", what, cause);
            return CallResult.failed(CallClass.PERMANENT,
                    redaction.clean("failed to send " + what + ": " + cause.getMessage()), cause);
        });
    }

    private static <T> CompletableFuture<T> complete(CompletableFuture<T> result, Supplier<T> value) {
        try {
            result.complete(value.get());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }
}
