package io.groupsync.imapi.openim;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.event.Vendor;
import io.groupsync.imapi.AbstractVendorClient;
import io.groupsync.imapi.ApiLimits;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.WireGate;
import io.groupsync.imapi.http.AsyncHttp;
import io.groupsync.imapi.http.JsonPayload;
import io.groupsync.imapi.http.Redaction;
import io.groupsync.imapi.http.VendorHttp;
import io.groupsync.imapi.openim.AdminToken.Grant;
import io.groupsync.imapi.openim.OpenImAnswers.Attempt;
import io.groupsync.model.Patch;
import io.groupsync.model.PlanContext;
import io.groupsync.model.Target;
import io.groupsync.time.Clock;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenIM (open-im-server v3.8) account: a route's client. Maps patches to OpenIM's group routes
 * ({@link OpenImRequests}), refuses what OpenIM cannot take ({@link OpenImLimits}), reads answers
 * ({@link OpenImAnswers}) and holds the route's one admin token ({@link AdminToken}).
 *
 * <p>Every request is {@code POST {API_ADDRESS}/{api}} with a JSON body and the headers {@code operationID} and
 * {@code token}, and carries a fresh operationID: a prefix drawn once per client from the injected randomness,
 * then a counter ({@code gs1a2b3c4d-17}). Closing cancels the calls still in flight, so shutdown never waits on a
 * slow vendor, and refuses new ones.
 */
public final class OpenImClient extends AbstractVendorClient {

    static final String GET_ADMIN_TOKEN = "auth/get_admin_token";

    /**
     * The writes a plan makes, and the reads of the ex read-modify-write ({@link ExMerge}), which are paced too.
     * OpenIM has no fixed quota (its optional adaptive limiter answers 429), so 100/s each is our own cautious
     * default. The names are the server's paths.
     */
    public static final ApiLimits API_LIMITS = ApiLimits.uniform(100, OpenImRequests.SET_GROUP_INFO_EX,
            OpenImRequests.SET_GROUP_MEMBER_INFO, OpenImRequests.MUTE_GROUP, OpenImRequests.CANCEL_MUTE_GROUP,
            OpenImRequests.MUTE_GROUP_MEMBER, OpenImRequests.CANCEL_MUTE_GROUP_MEMBER, ExMerge.GET_GROUPS_INFO,
            ExMerge.GET_GROUP_MEMBERS_INFO);

    /** The paths this client appends to its base URL, one per call it makes. */
    public static final List<String> CALL_PATHS = Stream.concat(API_LIMITS.names().stream(),
            Stream.of(GET_ADMIN_TOKEN, LegacyGroupInfo.SET_GROUP_INFO)).toList();

    static final String OPERATION_ID = "operationID";
    static final String TOKEN = "token";
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(OpenImClient.class);

    private final AsyncHttp http;
    private final HttpUrl base;
    private final String adminUserID;
    private final String secret;
    private final Clock clock;
    private final String operationPrefix;
    private final AtomicLong operations = new AtomicLong();
    private final AdminToken token;
    /** Set once the server answered set_group_info_ex with a bare 404 (v3.8.0): group edits go the old way. */
    private final AtomicBoolean withoutInfoEx = new AtomicBoolean();

    /**
     * @param http        the shared client (not closed here); its timeouts bound every call
     * @param apiAddress  OpenIM's {@code API_ADDRESS}, e.g. {@code http://openim:10002}
     * @param adminUserID the admin account ({@code imAdmin} by default on the server)
     * @param secret      the server's {@code secret}, used only to ask for admin tokens
     * @param random      draws this client's operationID prefix
     */
    public OpenImClient(OkHttpClient http, URI apiAddress, String adminUserID, String secret, Clock clock,
                        RandomGenerator random) {
        this(http, apiAddress, adminUserID, secret, clock, random, AdminTokenStore.LOCAL);
    }

    /** @param tokens where the admin token is shared with the other instances of the fleet */
    public OpenImClient(OkHttpClient http, URI apiAddress, String adminUserID, String secret, Clock clock,
                        RandomGenerator random, AdminTokenStore tokens) {
        super(Vendor.OPENIM, API_LIMITS, OpenImLimits::unsupported,
                (edit, supported) -> OpenImLimits.violations(supported));
        this.http = new AsyncHttp(Objects.requireNonNull(http, "http"), "OpenIM");
        this.base = HttpUrl.get(Objects.requireNonNull(apiAddress, "apiAddress").toString());
        this.adminUserID = requireText(adminUserID, "adminUserID");
        this.secret = requireText(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.operationPrefix = String.format("gs%08x-", random.nextInt());
        this.token = new AdminToken(this::fetchToken, Objects.requireNonNull(tokens, "tokens"));
    }

    /** Members of any groups share one {@code set_group_member_info}; OpenIM's other APIs take one target each. */
    @Override
    public int maxBatch(VendorCall call) {
        return OpenImRequests.SET_GROUP_MEMBER_INFO.equals(call.api()) ? OpenImRequests.MAX_MEMBERS_PER_CALL : 1;
    }

    /**
     * A member whose custom data is merged must be read first, one read per group of the request: such a member
     * travels only with members of the first one's group, so a request costs at most one read and the reads keep to
     * the writes' rate. A request of members of a hundred groups needed a hundred reads inside one call: unpaced,
     * they were throttled and the request failed whole on every retry, for ever; paced, they queued behind their
     * tokens and the request still took several attempts.
     */
    @Override
    public boolean batchesWith(VendorCall first, VendorCall next) {
        if (!first.api().equals(next.api())) {
            return false;
        }
        JsonNode nextBody = JsonPayload.treeOf(next);
        return !ExMerge.needed(next.api(), nextBody) || groupOf(JsonPayload.treeOf(first)).equals(groupOf(nextBody));
    }

    /** The group of a planned set_group_member_info, which names one member. */
    private static String groupOf(JsonNode planned) {
        return planned.path("members").path(0).path("groupID").asText();
    }

    @Override
    public VendorCall batch(List<VendorCall> calls) {
        return OpenImRequests.memberInfoBatch(calls);
    }

    @Override
    public String firstApi(Target target, Patch patch) {
        return OpenImRequests.firstApi(target, patch, clock.currentTimeMillis());
    }

    @Override
    public List<VendorCall> plan(String groupId, Target target, Patch patch, PlanContext context, long nowMillis) {
        return OpenImRequests.plan(groupId, target, patch, nowMillis);
    }

    @Override
    public CompletableFuture<CallResult> send(VendorCall call, WireGate gate) {
        return AsyncHttp.settled(() -> {
            ObjectNode planned = JsonPayload.treeOf(call);
            try {
                OpenImEx.checkReadable(planned);
            } catch (StreamConstraintsException e) {
                // The same on every retry, so the call fails for good, and nothing is sent.
                return done(CallResult.failed(CallClass.PERMANENT, "the planned " + call.api()
                        + " request cannot be read back: " + e.getOriginalMessage(), e));
            }
            if (!ExMerge.needed(call.api(), planned)) {
                return exchange(call.api(), planned, gate).thenApply(OpenImReply::result);
            }
            // Read-modify-write of ex: the read is one extra request, paced under its own API.
            return new ExMerge((api, body) -> exchange(api, body, gate.unplanned()))
                    .resolve(call.api(), planned)
                    .thenCompose(merged -> merged.failure() != null ? done(merged.failure())
                            : exchange(call.api(), merged.body(), gate).thenApply(reply -> reply.result()
                                    .withMessage(reply.result().message() + "; ex merged after " + merged.reads())));
        }, "OpenIM " + call.api(), Redaction.of(secret));
    }

    /** Cancels the calls in flight (they complete as transient failures) and refuses new ones. */
    @Override
    public void close() {
        http.cancelAll();
    }

    /**
     * One request with the route's admin token, retried once with a refreshed one after a token error. A group
     * edit that finds no set_group_info_ex (v3.8.0) goes as set_group_info, now and from then on.
     */
    private CompletableFuture<OpenImReply> exchange(String api, ObjectNode body, WireGate gate) {
        if (!OpenImRequests.SET_GROUP_INFO_EX.equals(api)) {
            return withToken(api, api, body, gate);
        }
        if (withoutInfoEx.get()) {
            return legacyGroupInfo(body, gate);
        }
        return withToken(api, api, body, gate).thenCompose(reply -> {
            if (!LegacyGroupInfo.routeMissing(reply.result())) {
                return done(reply);
            }
            if (withoutInfoEx.compareAndSet(false, true)) {
                log.warn("OpenIM at {} has no /{} (open-im-server before v3.8.1): group edits fall back to /{}; {}",
                        base, api, LegacyGroupInfo.SET_GROUP_INFO, LegacyGroupInfo.SUPPORTED);
            }
            return legacyGroupInfo(body, gate.unplanned());
        });
    }

    /** set_group_info for a set_group_info_ex body, paced as the API it stands in for. */
    private CompletableFuture<OpenImReply> legacyGroupInfo(ObjectNode infoEx, WireGate gate) {
        return LegacyGroupInfo.of(infoEx)
                .map(body -> withToken(LegacyGroupInfo.SET_GROUP_INFO, OpenImRequests.SET_GROUP_INFO_EX, body, gate)
                        .thenApply(reply -> LegacyGroupInfo.routeMissing(reply.result())
                                ? OpenImReply.of(reply.result().withMessage(LegacyGroupInfo.neitherRoute()))
                                : reply))
                .orElseGet(() -> done(OpenImReply.of(CallResult.of(CallClass.PERMANENT, null, null,
                        LegacyGroupInfo.cannotClear()))));
    }

    private CompletableFuture<OpenImReply> withToken(String api, String pacedAs, ObjectNode body, WireGate gate) {
        return token.call((usedToken, retry) -> attempt(api, pacedAs, body, usedToken,
                retry ? gate.unplanned() : gate));
    }

    /** {@code POST /auth/get_admin_token}; run by {@link AdminToken} only, once for all waiting callers. */
    private CompletableFuture<Grant> fetchToken() {
        ObjectNode body = JSON.createObjectNode().put("secret", secret).put("userID", adminUserID);
        // Fetched once for all the calls waiting on it, so it is held by none of their gates.
        return attempt(GET_ADMIN_TOKEN, GET_ADMIN_TOKEN, body, null, WireGate.OPEN)
                .thenApply(fetched -> Grant.from(fetched.reply()));
    }

    /** One HTTP request with a new operationID, read and cleaned of secrets; never completes exceptionally. */
    private CompletableFuture<Attempt> attempt(String api, String pacedAs, ObjectNode body, String usedToken,
                                               WireGate gate) {
        String operationID = operationPrefix + operations.incrementAndGet();
        Redaction redaction = Redaction.of(secret, usedToken);
        return http.send(() -> request(api, pacedAs, body, operationID, usedToken, gate),
                response -> OpenImAnswers.read(response, operationID, clock.currentTimeMillis()),
                noAnswer -> OpenImAnswers.unanswered(noAnswer, operationID))
                .thenApply(attempt -> attempt.cleaned(redaction));
    }

    /** {@code usedToken} null sends none (only {@code get_admin_token}). */
    private Request request(String api, String pacedAs, ObjectNode body, String operationID, String usedToken,
                            WireGate gate) {
        Request.Builder request = VendorHttp.pacedBy(new Request.Builder(), gate, pacedAs)
                .url(base.newBuilder().addPathSegments(api).build())
                .header(OPERATION_ID, operationID)
                .post(AsyncHttp.body(new JsonPayload("", body), CONTENT_TYPE));
        if (usedToken != null) {
            request.header(TOKEN, usedToken);
        }
        return request.build();
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }
}
