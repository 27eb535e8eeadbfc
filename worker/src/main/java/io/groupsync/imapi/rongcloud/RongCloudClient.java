package io.groupsync.imapi.rongcloud;

import io.groupsync.event.Vendor;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.model.TargetKind;
import io.groupsync.time.Clock;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.VendorClient;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.imapi.WireGate;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RongCloud's server API for hosted ("entrust") groups, as one route of the pipeline sees it: signed form posts to
 * {@code /entrust/group/profile/update.json} and {@code /entrust/group/member/set.json}, sent asynchronously on the
 * worker's shared {@link OkHttpClient}, failing over once to the backup domain when the primary gives no answer
 * (see {@link FailoverRule}).
 *
 * <p>Every request that goes on the wire is signed afresh (Nonce, Timestamp, Signature) by a network interceptor,
 * so OkHttp's own silent retry and the fail-over both carry a new nonce, which RongCloud requires (a signed
 * request is refused when replayed). Neither the App Secret nor a Signature leaves this class in a
 * {@link CallResult}, a {@link VendorCall}, a log line or an exception message.
 */
public final class RongCloudClient implements VendorClient {

    private static final Logger log = LoggerFactory.getLogger(RongCloudClient.class);
    private static final String REDACTED = "<redacted>";

    private final OkHttpClient http;
    private final HttpUrl primary;
    private final HttpUrl backup;
    private final String appKey;
    private final String appSecret;
    private final RongCloudSigner signer;
    private final Clock clock;

    /**
     * @param http      the worker's shared client (dispatcher, pool, timeouts); not closed by this one. A client
     *                  derived from it adds the signing interceptor and shares its pool and threads.
     * @param primary   e.g. {@code https://api.rong-api.com}, or an emulator's {@code http://127.0.0.1:port}; a
     *                  path in it is kept as a prefix (for a proxy)
     * @param backup    e.g. {@code https://api-b.rong-api.com}, or null for no fail-over
     * @param appKey    sent in the clear as {@code App-Key}
     * @param appSecret signs every request; never sent, logged or reported
     * @param clock     the source of each request's Timestamp
     * @param random    draws each request's Nonce; called from OkHttp's threads, so it must be thread-safe
     *                  ({@link java.security.SecureRandom}, {@link java.util.Random})
     */
    public RongCloudClient(OkHttpClient http, URI primary, URI backup, String appKey, String appSecret, Clock clock,
                           RandomGenerator random) {
        Objects.requireNonNull(http, "http");
        this.primary = HttpUrl.get(Objects.requireNonNull(primary, "primary").toString());
        this.backup = backup == null ? null : HttpUrl.get(backup.toString());
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signer = new RongCloudSigner(appKey, appSecret, clock, RongCloudSigner.randomNonces(random));
        this.http = http.newBuilder().addNetworkInterceptor(this::sign).build();
    }

    @Override
    public Vendor vendor() {
        return Vendor.RONGCLOUD;
    }

    @Override
    public List<String> apis() {
        return List.of(RongCloudRequests.PROFILE_UPDATE, RongCloudRequests.MEMBER_SET);
    }

    @Override
    public Map<Field, String> unsupported(Target target, Patch patch) {
        return RongCloudFields.unsupported(target, patch);
    }

    @Override
    public List<String> violations(Edit edit, Patch supported) {
        return RongCloudLimits.violations(edit, supported);
    }

    @Override
    public String firstApi(Target target, Patch patch) {
        return target.kind() == TargetKind.GROUP ? RongCloudRequests.PROFILE_UPDATE : RongCloudRequests.MEMBER_SET;
    }

    @Override
    public List<VendorCall> plan(String groupId, Target target, Patch patch, PlanContext context, long nowMillis) {
        return List.of(target.kind() == TargetKind.GROUP
                ? RongCloudRequests.profileUpdate(groupId, patch)
                : RongCloudRequests.memberSet(groupId, target.memberId(), patch));
    }

    @Override
    public CompletableFuture<CallResult> send(VendorCall call, WireGate gate) {
        CompletableFuture<CallResult> result = new CompletableFuture<>();
        String path = RongCloudRequests.PATHS.get(call.api());
        if (path == null) {
            result.complete(new CallResult(CallClass.PERMANENT, null, null, "no RongCloud API named " + call.api(),
                    null, null));
            return result;
        }
        attempt(call, gate, path, primary, null, result);
        return result;
    }

    /**
     * One call to one domain. {@code failedOver} says how the primary failed when this is the call to the backup,
     * which is not failed over again; null on the primary.
     */
    private void attempt(VendorCall call, WireGate gate, String path, HttpUrl domain, String failedOver,
                         CompletableFuture<CallResult> result) {
        FailoverRule.Progress progress = new FailoverRule.Progress();
        try {
            Request request = VendorHttp.pacedBy(new Request.Builder(), gate, call.api())
                    .url(domain.newBuilder().addEncodedPathSegments(path.substring(1)).build())
                    .tag(FailoverRule.Progress.class, progress)
                    .post(RequestBody.create(call.body(), MediaType.get(call.contentType())))
                    .build();
            http.newCall(request).enqueue(new Callback() {
                @Override
                public void onFailure(Call httpCall, IOException e) {
                    if (failedOver == null && backup != null && !httpCall.isCanceled()
                            && FailoverRule.failsOver(e, progress)) {
                        String failure = e.getClass().getSimpleName() + ": " + scrub(e.getMessage(), progress);
                        log.warn("RongCloud primary domain {} gave no answer to {} ({}); sending it to the backup"
                                + " domain {}", primary.host(), call.api(), failure, backup.host());
                        attempt(call, gate.unplanned(), path, backup, failure, result);
                        return;
                    }
                    result.complete(noAnswer(e, progress, failedOver));
                }

                @Override
                public void onResponse(Call httpCall, Response response) {
                    CallResult answer;
                    try (response) {
                        answer = RongCloudAnswers.read(response, clock.currentTimeMillis());
                    } catch (IOException | RuntimeException e) {
                        answer = CallResult.ioFailure(e);
                    }
                    result.complete(finish(answer, progress, failedOver));
                }
            });
        } catch (RuntimeException e) {
            // A call that cannot even be built (a bad media type) will never succeed, so it is dead-lettered now.
            // The fail-over runs on an OkHttp thread, where an escaping exception would leave the future pending
            // for ever; the contract is a classified result, always.
            CallResult unbuildable = new CallResult(CallClass.PERMANENT, null, null,
                    "the request could not be built: " + e.getMessage(), null, e.getClass().getName());
            result.complete(finish(unbuildable, progress, failedOver));
        }
    }

    /** Adds fresh auth headers to each request as it goes on the wire, and notes how far it got. */
    private Response sign(Interceptor.Chain chain) throws IOException {
        RongCloudSigner.Headers headers = signer.sign();
        FailoverRule.Progress progress = chain.request().tag(FailoverRule.Progress.class);
        if (progress != null) {
            progress.sending(headers.signature());
        }
        Request.Builder signed = chain.request().newBuilder();
        headers.asMap().forEach(signed::header);
        Response response = chain.proceed(signed.build());
        if (progress != null) {
            progress.answered();
        }
        return response;
    }

    private CallResult noAnswer(Throwable e, FailoverRule.Progress progress, String failedOver) {
        return finish(CallResult.ioFailure(e), progress, failedOver);
    }

    /** Says when the answer came from the backup domain, and cleans what came from outside of secrets. */
    private CallResult finish(CallResult r, FailoverRule.Progress progress, String failedOver) {
        String message = scrub(r.message(), progress);
        if (failedOver != null) {
            message = "through the backup domain " + backup.host() + " after the primary gave no answer ("
                    + failedOver + ")" + (message.isEmpty() ? "" : ": " + message);
        }
        return new CallResult(r.outcome(), r.vendorCode(), r.httpStatus(), message, r.retryAfter(), r.failure());
    }

    /**
     * Messages come from outside (RongCloud's errorMessage, a proxy's page, an exception), so whatever they echo is
     * cleaned before it can reach a result, a dead letter or a log.
     */
    private String scrub(String message, FailoverRule.Progress progress) {
        String clean = String.valueOf(message).replace(appSecret, REDACTED);
        for (String signature : progress.signatures()) {
            clean = clean.replace(signature, REDACTED);
        }
        return clean;
    }

    /** The OkHttpClient belongs to the worker, which shuts it down; calls in flight still complete their futures. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "RongCloudClient[primary=" + primary + ", backup=" + backup + ", appKey=" + appKey + "]";
    }
}
