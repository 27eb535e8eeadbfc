package io.groupsync.imapi.tencent;

import io.groupsync.event.GroupType;
import io.groupsync.event.Vendor;
import io.groupsync.imapi.AbstractVendorClient;
import io.groupsync.imapi.ApiLimits;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.WireGate;
import io.groupsync.imapi.http.AsyncHttp;
import io.groupsync.imapi.http.Redaction;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import io.groupsync.model.Target;
import io.groupsync.model.TargetKind;
import io.groupsync.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Tencent Cloud Chat's REST API v4, as one route of the pipeline sees it: {@code POST
 * {base}/v4/group_open_http_svc/{command}?sdkappid=&identifier=&usersig=&random=&contenttype=json}, signed with the
 * app admin's UserSig, sent asynchronously on the worker's shared {@link OkHttpClient}.
 *
 * <p>A refused UserSig (70001, 70003, 60004, 60005) is renewed and the call retried once here, so the pipeline
 * sees such a code only when the retry is refused too. Neither the secret key nor a UserSig ever leaves this
 * class in a {@link CallResult}, a {@link VendorCall} or a log line.
 */
public final class TencentClient extends AbstractVendorClient {

    /** Tencent's frequency limit is 200 calls/s per API per SDKAppID, per Tencent's REST API pages. */
    public static final ApiLimits API_LIMITS = ApiLimits.uniform(200, TencentRequests.MODIFY_GROUP_BASE_INFO,
            TencentRequests.MODIFY_GROUP_MEMBER_INFO, TencentRequests.FORBID_SEND_MSG).withQuota(200,
            "Tencent Cloud Chat's REST API reference, \"Maximum call frequency\" of each command, per SDKAppID");

    static final String SERVICE_PATH = "v4/group_open_http_svc";

    /** The paths this client appends to its base URL, one per call it makes. */
    public static final List<String> CALL_PATHS = API_LIMITS.names().stream().map(api -> SERVICE_PATH + "/" + api)
            .toList();
    /** {@code random} is a uint32: 0..4294967295. */
    static final long RANDOM_BOUND = 1L << 32;

    private final AsyncHttp http;
    private final Clock clock;
    private final HttpUrl service;
    private final long sdkAppId;
    private final String adminIdentifier;
    private final String secretKey;
    private final UserSigCache sigs;
    private final RandomGenerator random;
    private final TencentRequests requests;

    /**
     * @param http            the worker's shared client (its dispatcher, pool and timeouts); not closed by this one
     * @param baseUri         e.g. {@code https://console.tim.qq.com}, or an emulator's {@code http://127.0.0.1:port}
     * @param userSigTtl      validity of each UserSig issued, at least a minute; renewed after 80 % of it
     * @param random          draws the {@code random} parameter of every call; called from OkHttp's threads too,
     *                        so it must be thread-safe ({@link java.util.Random}, {@link java.security.SecureRandom})
     */
    public TencentClient(OkHttpClient http, URI baseUri, long sdkAppId, String adminIdentifier, String secretKey,
                         Duration userSigTtl, Clock clock, RandomGenerator random) {
        this(http, baseUri, sdkAppId, adminIdentifier, secretKey, userSigTtl, clock, random, TencentOptions.DEFAULTS);
    }

    /** @param options the route's plan bound for MaxMemberNum */
    public TencentClient(OkHttpClient http, URI baseUri, long sdkAppId, String adminIdentifier, String secretKey,
                         Duration userSigTtl, Clock clock, RandomGenerator random, TencentOptions options) {
        super(Vendor.TENCENT, API_LIMITS, TencentFields::unsupported,
                (edit, patch) -> TencentLimits.violations(edit, patch, options.maxMemberNum()));
        this.http = new AsyncHttp(http, "Tencent");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.service = HttpUrl.get(Objects.requireNonNull(baseUri, "baseUri")).newBuilder()
                .addPathSegments(SERVICE_PATH).build();
        this.sdkAppId = sdkAppId;
        this.adminIdentifier = Objects.requireNonNull(adminIdentifier, "adminIdentifier");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.sigs = new UserSigCache(new UserSigGenerator(sdkAppId, secretKey, clock), adminIdentifier,
                Objects.requireNonNull(userSigTtl, "userSigTtl"), clock);
        this.random = Objects.requireNonNull(random, "random");
        String fixedQuery = service.newBuilder().addQueryParameter("sdkappid", Long.toString(sdkAppId))
                .addQueryParameter("identifier", adminIdentifier).build().encodedQuery();
        this.requests = new TencentRequests(service.encodedPath(), fixedQuery);
    }

    @Override
    public String firstApi(Target target, Patch patch) {
        return target.kind() == TargetKind.GROUP
                ? TencentRequests.MODIFY_GROUP_BASE_INFO : TencentRequests.MODIFY_GROUP_MEMBER_INFO;
    }

    /**
     * A member edit that only mutes, in a group the event says is an AVChatRoom, goes as forbid_send_msg: those
     * groups keep no member profiles to modify, but take mutes that way.
     */
    @Override
    public List<VendorCall> plan(String groupId, Target target, Patch patch, PlanContext context, long nowMillis) {
        if (target.kind() == TargetKind.GROUP) {
            return CustomDataParts.of(patch, Field.CUSTOM_DATA, TencentLimits.GROUP_CUSTOM_KEYS).stream()
                    .map(part -> requests.groupBaseInfo(groupId, part, context)).toList();
        }
        if (muteOnly(patch) && context.groupType() == GroupType.AVCHATROOM) {
            return List.of(requests.forbidSendMsg(groupId, List.of(target.memberId()),
                    patch.get(Field.MUTE, MuteDeadline.class).remainingSeconds(nowMillis)));
        }
        return CustomDataParts.of(patch, Field.MEMBER_CUSTOM_DATA, TencentLimits.MEMBER_CUSTOM_KEYS).stream()
                .map(part -> requests.groupMemberInfo(groupId, target.memberId(), part, nowMillis)).toList();
    }

    /** Mutes alone of members of one group, for the same time, travel together as one forbid_send_msg. */
    @Override
    public int maxBatch(VendorCall call) {
        return TencentRequests.muteTime(call).isPresent() ? TencentRequests.MAX_FORBID_MEMBERS : 1;
    }

    @Override
    public boolean batchesWith(VendorCall first, VendorCall next) {
        return TencentRequests.sameGroupAndMute(first, next);
    }

    @Override
    public VendorCall batch(List<VendorCall> calls) {
        return requests.forbidSendMsgBatch(calls);
    }

    static boolean muteOnly(Patch patch) {
        return patch.fields(TargetKind.MEMBER).equals(java.util.EnumSet.of(Field.MUTE));
    }

    @Override
    public CompletableFuture<CallResult> send(VendorCall call, WireGate gate) {
        UserSigCache.Sig sig = sigs.current();
        return AsyncHttp.settled(() -> attempt(call, gate, sig, false), "Tencent " + call.api(), redaction(sig));
    }

    /** One HTTP call; {@code renewed} says this is the retry after a refused UserSig, which is not retried again. */
    private CompletableFuture<CallResult> attempt(VendorCall call, WireGate gate, UserSigCache.Sig sig,
                                                  boolean renewed) {
        return http.send(() -> request(call, gate, sig),
                        response -> TencentAnswers.read(response, clock.currentTimeMillis()),
                        noAnswer -> new TencentAnswers.Answer(noAnswer.result(), false))
                .thenCompose(answer -> {
                    CallResult r = answer.result();
                    if (answer.renewsUserSig() && !renewed) {
                        return attempt(call, gate.unplanned(), sigs.renewAfterRejection(sig, r.vendorCode()), true);
                    }
                    // Only an answer (it has a status) was refused after the renewal; no answer is just that.
                    boolean refusedAgain = renewed && !r.isOk() && r.httpStatus() != null;
                    return CompletableFuture.completedFuture(redaction(sig).clean(
                            refusedAgain ? r.withMessage("after renewing the UserSig: " + r.message()) : r));
                });
    }

    private Request request(VendorCall call, WireGate gate, UserSigCache.Sig sig) {
        return VendorHttp.pacedBy(new Request.Builder(), gate, call.api())
                .url(url(call.api(), sig))
                .post(AsyncHttp.body(call.payload()))
                .build();
    }

    private HttpUrl url(String api, UserSigCache.Sig sig) {
        return service.newBuilder()
                .addPathSegment(api)
                .addQueryParameter("sdkappid", Long.toString(sdkAppId))
                .addQueryParameter("identifier", adminIdentifier)
                .addQueryParameter("usersig", sig.value())
                .addQueryParameter("random", Long.toString(random.nextLong(0, RANDOM_BOUND)))
                .addQueryParameter("contenttype", "json")
                .build();
    }

    /**
     * Messages come from outside (Tencent's ErrorInfo, a proxy, an exception naming the URL), so whatever they
     * echo is cleaned before it can reach a result, a dead letter or a log.
     */
    private Redaction redaction(UserSigCache.Sig sig) {
        return Redaction.of(sig.value(), secretKey);
    }

    /** The OkHttpClient belongs to the worker, which shuts it down; calls in flight still complete their futures. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "TencentClient[base=" + service + ", sdkAppId=" + sdkAppId + ", admin=" + adminIdentifier + "]";
    }
}
