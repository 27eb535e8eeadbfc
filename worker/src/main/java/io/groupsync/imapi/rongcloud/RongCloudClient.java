package io.groupsync.imapi.rongcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.groupsync.event.Vendor;
import io.groupsync.imapi.AbstractVendorClient;
import io.groupsync.imapi.ApiLimits;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.WireGate;
import io.groupsync.imapi.http.AsyncHttp;
import io.groupsync.imapi.http.NoAnswer;
import io.groupsync.imapi.http.Redaction;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import io.groupsync.model.Target;
import io.groupsync.model.TargetKind;
import io.groupsync.time.Clock;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
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
public final class RongCloudClient extends AbstractVendorClient {

    /** RongCloud allows 100 requests/s per API; the names are the paths under /entrust/. */
    public static final ApiLimits API_LIMITS = ApiLimits.uniform(100, RongCloudRequests.PROFILE_UPDATE,
            RongCloudRequests.MEMBER_SET, MemberReadBack.MEMBER_QUERY).withQuota(100,
            "RongCloud's server API reference, \"Rate limit\" of /entrust/group/profile/update.json, "
                    + "/entrust/group/member/set.json and /entrust/group/member/specific/query.json");

    /** The paths this client appends to its base URL (a prefix path in it is kept, for a proxy). */
    public static final List<String> CALL_PATHS = API_LIMITS.names().stream()
            .map(api -> RongCloudRequests.PATHS.get(api).substring(1)).toList();

    private static final Logger log = LoggerFactory.getLogger(RongCloudClient.class);

    private final AsyncHttp http;
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
        super(Vendor.RONGCLOUD, API_LIMITS, RongCloudFields::unsupported, RongCloudLimits::violations);
        Objects.requireNonNull(http, "http");
        this.primary = HttpUrl.get(Objects.requireNonNull(primary, "primary").toString());
        this.backup = backup == null ? null : HttpUrl.get(backup.toString());
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signer = new RongCloudSigner(appKey, appSecret, clock, RongCloudSigner.randomNonces(random));
        this.http = new AsyncHttp(http.newBuilder().addNetworkInterceptor(this::sign).build(), "RongCloud");
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
        String path = RongCloudRequests.PATHS.get(call.api());
        if (path == null) {
            return done(CallResult.of(CallClass.PERMANENT, null, null, "no RongCloud API named " + call.api()));
        }
        if (call.payload() instanceof MemberReadBack readBack) {
            return AsyncHttp.settled(() -> readThenSet(call, readBack, gate), "RongCloud " + call.api(),
                    Redaction.of(appSecret));
        }
        return AsyncHttp.settled(() -> attempt(call, gate, path, primary, null).thenApply(Reply::result),
                "RongCloud " + call.api(), Redaction.of(appSecret));
    }

    /** One answer, with its body for a read. */
    private record Reply(CallResult result, JsonNode body) {
    }

    /** Reads the member (one extra request, paced as its own API), then sends the edit it completes. */
    private CompletableFuture<CallResult> readThenSet(VendorCall call, MemberReadBack readBack, WireGate gate) {
        VendorCall query = new VendorCall(MemberReadBack.MEMBER_QUERY, Set.of(), readBack.query());
        return attempt(query, gate.unplanned(), MemberReadBack.MEMBER_QUERY_PATH, primary, null).thenCompose(read -> {
            if (!read.result().isOk()) {
                return done(read.result().withMessage("reading the member back first: " + read.result().message()));
            }
            MemberReadBack.Resolved resolved = readBack.resolve(read.body());
            if (resolved.failure() != null) {
                return done(CallResult.of(CallClass.PERMANENT, null, null, resolved.failure()));
            }
            VendorCall set = new VendorCall(call.api(), call.fields(), resolved.form());
            return attempt(set, gate, RongCloudRequests.PATHS.get(call.api()), primary, null)
                    .thenApply(reply -> reply.result().withMessage(reply.result().message().isEmpty()
                            ? "" : reply.result().message() + " (after reading the member back)"));
        });
    }

    /**
     * One call to one domain. {@code failedOver} says how the primary failed when this is the call to the backup,
     * which is not failed over again; null on the primary.
     */
    private CompletableFuture<Reply> attempt(VendorCall call, WireGate gate, String path, HttpUrl domain,
                                             String failedOver) {
        FailoverRule.Progress progress = new FailoverRule.Progress();
        return http.send(() -> request(call, gate, path, domain, progress),
                        response -> done(new Reply(finish(RongCloudAnswers.read(response, clock.currentTimeMillis()),
                                progress, failedOver), RongCloudAnswers.body(response))),
                        noAnswer -> failedOver == null && failsOver(noAnswer, progress)
                                ? attempt(call, gate.unplanned(), path, backup, primaryFailed(call, noAnswer, progress))
                                : done(new Reply(finish(noAnswer.result(), progress, failedOver),
                                        MissingNode.getInstance())))
                .thenCompose(reply -> reply);
    }

    private Request request(VendorCall call, WireGate gate, String path, HttpUrl domain,
                            FailoverRule.Progress progress) {
        return VendorHttp.pacedBy(new Request.Builder(), gate, call.api())
                .url(domain.newBuilder().addEncodedPathSegments(path.substring(1)).build())
                .tag(FailoverRule.Progress.class, progress)
                .post(AsyncHttp.body(call.payload()))
                .build();
    }

    private boolean failsOver(NoAnswer noAnswer, FailoverRule.Progress progress) {
        return backup != null && !noAnswer.canceled() && noAnswer.cause() instanceof IOException e
                && FailoverRule.failsOver(e, progress);
    }

    /** How the primary failed, logged, and said in the backup's result. */
    private String primaryFailed(VendorCall call, NoAnswer noAnswer, FailoverRule.Progress progress) {
        Throwable e = noAnswer.cause();
        String failure = e.getClass().getSimpleName() + ": " + redaction(progress).clean(e.getMessage());
        log.warn("RongCloud primary domain {} gave no answer to {} ({}); sending it to the backup domain {}",
                primary.host(), call.api(), failure, backup.host());
        return failure;
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

    /** Says when the answer came from the backup domain, and cleans what came from outside of secrets. */
    private CallResult finish(CallResult r, FailoverRule.Progress progress, String failedOver) {
        String message = redaction(progress).clean(r.message());
        if (failedOver != null) {
            message = "through the backup domain " + backup.host() + " after the primary gave no answer ("
                    + failedOver + ")" + (message.isEmpty() ? "" : ": " + message);
        }
        return r.withMessage(message);
    }

    /**
     * Messages come from outside (RongCloud's errorMessage, a proxy's page, an exception), so whatever they echo is
     * cleaned before it can reach a result, a dead letter or a log.
     */
    private Redaction redaction(FailoverRule.Progress progress) {
        List<String> secrets = new ArrayList<>(progress.signatures());
        secrets.add(appSecret);
        return Redaction.of(secrets);
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
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
