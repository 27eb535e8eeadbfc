package io.groupsync.imapi.openim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.event.Vendor;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.time.Clock;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.VendorClient;
import io.groupsync.imapi.WireGate;
import io.groupsync.imapi.openim.AdminToken.Grant;
import io.groupsync.imapi.openim.OpenImErrors.Handling;
import io.groupsync.imapi.openim.OpenImTransport.Answer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenIM (open-im-server v3.8) account: a route's client. Maps patches to OpenIM's group routes
 * ({@link OpenImRequests}), refuses what OpenIM cannot take ({@link OpenImLimits}), classifies answers
 * ({@link OpenImErrors}) and holds the route's one admin token ({@link AdminToken}).
 *
 * <p>Every request carries a fresh {@code operationID}: a prefix drawn once per client from the injected
 * randomness, then a counter ({@code gs1a2b3c4d-17}); the result's message starts with it, so the outcome logged
 * or written to Kafka can be found in OpenIM's logs. A call refused for its token is retried once, with a new
 * operationID, after the shared refresh; refused again, it is permanent.
 */
public final class OpenImClient implements VendorClient {

    static final String GET_ADMIN_TOKEN = "auth/get_admin_token";

    private static final Logger LOG = LoggerFactory.getLogger(OpenImClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT_IN_MESSAGE = 200;

    private final OpenImTransport transport;
    private final String adminUserID;
    private final String secret;
    private final Clock clock;
    private final String operationPrefix;
    private final AtomicLong operations = new AtomicLong();
    private final AdminToken token = new AdminToken(this::fetchToken);

    /**
     * @param http        the shared client (not closed here); its timeouts bound every call
     * @param apiAddress  OpenIM's {@code API_ADDRESS}, e.g. {@code http://openim:10002}
     * @param adminUserID the admin account ({@code imAdmin} by default on the server)
     * @param secret      the server's {@code secret}, used only to ask for admin tokens
     * @param random      draws this client's operationID prefix
     */
    public OpenImClient(OkHttpClient http, URI apiAddress, String adminUserID, String secret, Clock clock,
                        RandomGenerator random) {
        this.transport = new OpenImTransport(Objects.requireNonNull(http, "http"),
                Objects.requireNonNull(apiAddress, "apiAddress"));
        this.adminUserID = requireText(adminUserID, "adminUserID");
        this.secret = requireText(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.operationPrefix = String.format("gs%08x-", random.nextInt());
    }

    @Override
    public Vendor vendor() {
        return Vendor.OPENIM;
    }

    @Override
    public List<String> apis() {
        return OpenImRequests.APIS;
    }

    @Override
    public Map<Field, String> unsupported(Target target, Patch patch) {
        return OpenImLimits.unsupported(target, patch);
    }

    @Override
    public List<String> violations(Edit edit, Patch supported) {
        return OpenImLimits.violations(supported);
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
        JsonNode nextBody = tree(next);
        return !ExMerge.needed(next.api(), nextBody)
                || groupOf(tree(first)).equals(groupOf(nextBody));
    }

    private static JsonNode tree(VendorCall call) {
        try {
            return JSON.readTree(call.body());
        } catch (IOException e) {
            throw new IllegalStateException("a planned body is always JSON", e);
        }
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
        CompletableFuture<CallResult> result;
        try {
            ObjectNode planned = (ObjectNode) JSON.readTree(call.body());
            if (ExMerge.needed(call.api(), planned)) {
                // Read-modify-write of ex: the read is one extra request, paced under its own API.
                result = new ExMerge((api, body) -> exchange(api, body, gate.unplanned()))
                        .resolve(call.api(), planned)
                        .thenCompose(merged -> merged.failure() != null
                                ? CompletableFuture.completedFuture(merged.failure())
                                : exchange(call.api(), merged.body(), gate).thenApply(reply -> withNote(
                                        reply.result(), "; ex merged after " + merged.reads())));
            } else {
                result = exchange(call.api(), call.body(), gate).thenApply(OpenImReply::result);
            }
        } catch (JsonProcessingException e) {
            // Our own planned body, read back (Jackson refuses a custom-data key over its 50,000-character name
            // limit): it reads the same on every retry, so the call fails for good, not as a network error would.
            result = CompletableFuture.completedFuture(new CallResult(CallClass.PERMANENT, null, null,
                    "the planned " + call.api() + " request cannot be read back: " + e.getOriginalMessage(), null,
                    e.getClass().getName()));
        } catch (IOException | RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((done, error) -> error == null ? done : unexpected(call.api(), error));
    }

    /** Cancels the calls in flight (they complete as transient failures) and refuses new ones. */
    @Override
    public void close() {
        transport.close();
    }

    private CompletableFuture<OpenImReply> exchange(String api, ObjectNode body, WireGate gate) {
        return exchange(api, OpenImRequests.bytes(body), gate);
    }

    /** One request with the route's admin token; after a token error, one retry with the refreshed token. */
    private CompletableFuture<OpenImReply> exchange(String api, byte[] bytes, WireGate gate) {
        CompletableFuture<Grant> held = token.current();
        return held.thenCompose(grant -> grant.failure() != null ? done(OpenImReply.of(grant.failure()))
                : attempt(api, bytes, grant.token(), gate).thenCompose(first -> first.handling()
                        != Handling.REFRESH_TOKEN ? done(first.reply())
                        : token.refreshAfter(held).thenCompose(fresh -> retry(api, bytes, gate, first, fresh))));
    }

    private CompletableFuture<OpenImReply> retry(String api, byte[] bytes, WireGate gate, Attempt first,
                                                 Grant fresh) {
        String firstMessage = first.reply().result().message();
        if (fresh.failure() != null) {
            return done(OpenImReply.of(withNote(fresh.failure(), "; the admin token was refused first: "
                    + firstMessage)));
        }
        return attempt(api, bytes, fresh.token(), gate.unplanned()).thenApply(second -> {
            CallResult result = second.reply().result();
            if (second.handling() != Handling.REFRESH_TOKEN) {
                return new OpenImReply(withNote(result, " (retried with a refreshed admin token after "
                        + firstMessage + ")"), second.reply().data());
            }
            LOG.warn("OpenIM refused a freshly fetched admin token: {}", result.message());
            return OpenImReply.of(new CallResult(CallClass.PERMANENT, result.vendorCode(), result.httpStatus(),
                    "the admin token was refused again right after a refresh, so a new token does not help"
                            + " (check the secret, the admin userID and the server's token settings): "
                            + result.message() + "; before the refresh: " + firstMessage, null, null));
        });
    }

    /** {@code POST /auth/get_admin_token}; run by {@link AdminToken} only, once for all waiting callers. */
    private CompletableFuture<Grant> fetchToken() {
        ObjectNode body = JSON.createObjectNode().put("secret", secret).put("userID", adminUserID);
        // Fetched once for all the calls waiting on it, so it is held by none of their gates.
        return attempt(GET_ADMIN_TOKEN, OpenImRequests.bytes(body), null, WireGate.OPEN).thenApply(fetched -> {
            CallResult result = fetched.reply().result();
            String issued = fetched.reply().data().path("token").asText("");
            if (result.isOk() && !issued.isEmpty()) {
                LOG.info("fetched an OpenIM admin token ({})", result.message());
                return Grant.of(issued);
            }
            CallClass outcome = result.isOk() ? CallClass.PERMANENT : result.outcome();
            String why = result.isOk() ? "answered no token" : "failed";
            return Grant.failed(new CallResult(outcome, result.vendorCode(), result.httpStatus(),
                    GET_ADMIN_TOKEN + " " + why + ": " + result.message(), result.retryAfter(), result.failure()));
        });
    }

    /** What one request's answer means, with the reply to hand on. */
    private record Attempt(Handling handling, OpenImReply reply) {
    }

    /** One HTTP request with a new operationID, classified; never completes exceptionally. */
    private CompletableFuture<Attempt> attempt(String api, byte[] body, String usedToken, WireGate gate) {
        String operationID = operationPrefix + operations.incrementAndGet();
        return transport.post(api, body, operationID, usedToken, gate).handle((answer, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                return new Attempt(Handling.TRANSIENT, OpenImReply.of(new CallResult(CallClass.TRANSIENT, null,
                        null, scrub("operationID " + operationID + ": " + cause.getMessage(), usedToken), null,
                        cause.getClass().getName())));
            }
            return classify(operationID, answer, usedToken);
        });
    }

    private Attempt classify(String operationID, Answer answer, String usedToken) {
        JsonNode envelope = answer.envelope();
        JsonNode code = envelope == null ? null : envelope.get("errCode");
        Integer errCode = code != null && code.canConvertToInt() && code.isIntegralNumber() ? code.intValue() : null;
        Handling handling = OpenImErrors.ofHttpStatus(answer.status());
        if (handling == null) {
            handling = errCode == null ? Handling.PERMANENT : OpenImErrors.ofCode(errCode);
        }
        StringBuilder message = new StringBuilder("operationID ").append(operationID);
        if (handling != Handling.OK) {
            message.append(": ");
            if (answer.status() != 200) {
                message.append("HTTP ").append(answer.status()).append(' ');
            }
            if (errCode != null) {
                message.append('[').append(errCode).append("] ").append(envelope.path("errMsg").asText(""));
                String detail = envelope.path("errDlt").asText("");
                if (!detail.isEmpty()) {
                    message.append(" (").append(detail).append(')');
                }
            } else {
                message.append(answer.status() == 200 ? "no OpenIM envelope: " : "")
                        .append(shorten(answer.text() == null ? "" : answer.text()));
            }
        }
        Duration retryAfter = handling == Handling.THROTTLED
                ? OpenImErrors.retryAfter(answer.retryAfter(), clock.currentTimeMillis()) : null;
        CallClass outcome = switch (handling) {
            case OK -> CallClass.OK;
            case TRANSIENT -> CallClass.TRANSIENT;
            case THROTTLED -> CallClass.THROTTLED;
            case PERMANENT, REFRESH_TOKEN -> CallClass.PERMANENT;
        };
        CallResult result = new CallResult(outcome, errCode, answer.status(),
                scrub(message.toString().strip(), usedToken), retryAfter, null);
        return new Attempt(handling, new OpenImReply(result,
                envelope == null ? MissingNode.getInstance() : envelope.path("data")));
    }

    /** A bug rather than an answer (an unreadable planned body, say): permanent, said plainly. */
    private CallResult unexpected(String api, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof IOException) {
            return new CallResult(CallClass.TRANSIENT, null, null, scrub(cause.getMessage(), null), null,
                    cause.getClass().getName());
        }
        LOG.error("the OpenIM client failed to send a {} call", api, cause);
        return new CallResult(CallClass.PERMANENT, null, null, "the OpenIM client failed to send " + api + ": "
                + scrub(String.valueOf(cause.getMessage()), null), null, cause.getClass().getName());
    }

    /** Keeps the secret and the token out of messages, whatever a server or proxy echoes back. */
    private String scrub(String text, String usedToken) {
        String out = text == null ? "" : text.replace(secret, "***");
        return usedToken == null ? out : out.replace(usedToken, "***");
    }

    private static CallResult withNote(CallResult result, String note) {
        return new CallResult(result.outcome(), result.vendorCode(), result.httpStatus(), result.message() + note,
                result.retryAfter(), result.failure());
    }

    private static String shorten(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_TEXT_IN_MESSAGE ? flat : flat.substring(0, MAX_TEXT_IN_MESSAGE) + "…";
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
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
