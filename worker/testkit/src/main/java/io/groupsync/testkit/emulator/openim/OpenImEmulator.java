package io.groupsync.testkit.emulator.openim;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.EmulatorRequest;
import io.groupsync.testkit.emulator.EmulatorResponse;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.VendorEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Plays an open-im-server v3.8 API gateway on loopback: admin token, group profile, member profile, mutes,
 * and the group and member reads a client needs to merge into {@code ex}.
 *
 * <p>Every route is {@code POST} with a JSON body and answers HTTP 200 with {@code {"errCode","errMsg","errDlt"}}.
 * Checks run in the gateway's order: header {@code operationID} (missing → 1001), then header {@code token} on
 * every route but {@code get_admin_token} (missing → 1001; see {@link AdminTokens} for the token codes), then the
 * body (not a JSON object → 1001), then the route. The optional adaptive limiter is on, per API over a sliding
 * second ({@value #DEFAULT_LIMIT_PER_SECOND}/s unless set through {@link #limiter()}), and answers HTTP 429 with
 * {@code Retry-After} and body errCode 429.
 *
 * <p>API names in the {@link io.groupsync.testkit.emulator.CallLog} are the paths without the leading slash, e.g.
 * {@value #SET_GROUP_INFO_EX}, so a log line reads like the URL the worker called.
 */
public final class OpenImEmulator extends VendorEmulator {

    public static final String GET_ADMIN_TOKEN = "auth/get_admin_token";
    public static final String SET_GROUP_INFO_EX = "group/set_group_info_ex";
    /** The older group-profile route, the only one before v3.8.1: empty values mean "unchanged". */
    public static final String SET_GROUP_INFO = "group/set_group_info";
    public static final String SET_GROUP_MEMBER_INFO = "group/set_group_member_info";
    public static final String MUTE_GROUP_MEMBER = "group/mute_group_member";
    public static final String CANCEL_MUTE_GROUP_MEMBER = "group/cancel_mute_group_member";
    public static final String MUTE_GROUP = "group/mute_group";
    public static final String CANCEL_MUTE_GROUP = "group/cancel_mute_group";
    /** Reads, so that a client can merge into {@code ex} (see {@link GroupReads}). */
    public static final String GET_GROUPS_INFO = "group/get_groups_info";
    public static final String GET_GROUP_MEMBERS_INFO = "group/get_group_members_info";
    public static final Set<String> APIS = Set.of(GET_ADMIN_TOKEN, SET_GROUP_INFO_EX, SET_GROUP_INFO,
            SET_GROUP_MEMBER_INFO,
            MUTE_GROUP_MEMBER, CANCEL_MUTE_GROUP_MEMBER, MUTE_GROUP, CANCEL_MUTE_GROUP, GET_GROUPS_INFO,
            GET_GROUP_MEMBERS_INFO);

    public static final String DEFAULT_ADMIN_USER_ID = "imAdmin";
    /** OpenIM has no fixed quota; this stands for a configured adaptive limiter. */
    public static final int DEFAULT_LIMIT_PER_SECOND = 100;

    private final AdminTokens tokens;
    private final GroupBook book = new GroupBook();
    private final Gateway gateway = new Gateway();
    private final GroupRoutes routes;
    private final GroupReads reads;
    private final List<String> operationIDs = new ArrayList<>();
    private volatile int retryAfterSeconds = 1;
    private volatile OpenImVersion version = OpenImVersion.V3_8_3;

    public OpenImEmulator(EmulatorClock clock, String secret) {
        this(clock, secret, DEFAULT_ADMIN_USER_ID);
    }

    public OpenImEmulator(EmulatorClock clock, String secret, String adminUserID) {
        super("openim", clock, DEFAULT_LIMIT_PER_SECOND);
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the OpenIM secret must not be empty");
        }
        this.tokens = new AdminTokens(clock, secret, adminUserID);
        this.routes = new GroupRoutes(book, clock);
        this.reads = new GroupReads(book);
    }

    @Override
    public OpenImEmulator start() {
        super.start();
        return this;
    }

    // ---- settings --------------------------------------------------------------------------------------------

    /** How long a token stays usable after a newer one was issued (5 minutes by default). */
    public void setTokenGrace(Duration grace) {
        tokens.setGrace(grace);
    }

    /**
     * The server release played (the newest release, {@link OpenImVersion#V3_8_3}, by default): which
     * group-profile routes exist, how admin tokens are checked and demoted, what the RPC limiter answers.
     */
    public void setVersion(OpenImVersion version) {
        this.version = Objects.requireNonNull(version, "version");
        tokens.setVersion(version);
    }

    /** How long a new token lives (90 days by default, the server's {@code tokenPolicy.expire}). */
    public void setTokenLifetime(Duration lifetime) {
        tokens.setLifetime(lifetime);
    }

    /** The {@code Retry-After} seconds sent with a 429 (1 by default). */
    public void setRetryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
    }

    /** Creates unknown groups and members on their first edit instead of answering "not found" (default off). */
    public void setAutoCreate(boolean on) {
        book.setAutoCreate(on);
    }

    // ---- seeding ---------------------------------------------------------------------------------------------

    public OpenImEmulator seedGroup(String groupID) {
        return seedGroup(GroupState.of(groupID));
    }

    /** Puts (or replaces) a group as given. */
    public OpenImEmulator seedGroup(GroupState group) {
        book.putGroup(group);
        return this;
    }

    public OpenImEmulator seedMember(String groupID, String userID) {
        return seedMember(MemberState.of(groupID, userID));
    }

    /** Puts (or replaces) a member as given; its group must be seeded first. */
    public OpenImEmulator seedMember(MemberState member) {
        book.putMember(member);
        return this;
    }

    /** Marks a seeded group dismissed, as the server's {@code dismiss_group} without deleting members. */
    public OpenImEmulator dismissGroup(String groupID) {
        GroupState group = book.group(groupID).orElseThrow(() -> new IllegalStateException("no group " + groupID));
        book.putGroup(group.withStatus(GroupState.STATUS_DISMISSED));
        return this;
    }

    // ---- what the vendor holds now ---------------------------------------------------------------------------

    public Optional<GroupState> group(String groupID) {
        return book.group(groupID);
    }

    public Map<String, GroupState> groups() {
        return book.groups();
    }

    public Optional<MemberState> member(String groupID, String userID) {
        return book.member(groupID, userID);
    }

    /** The members of a group by userID (empty for an unknown group). */
    public Map<String, MemberState> members(String groupID) {
        return book.members(groupID);
    }

    /** How many admin tokens {@code get_admin_token} issued. */
    public int issuedTokenCount() {
        return tokens.issuedCount();
    }

    /** Every admin token issued, including any a client fetched but never presented: a secrets test needs them all. */
    public Set<String> issuedTokens() {
        return tokens.issuedTokens();
    }

    /**
     * The {@code operationID} header of every request to a known API, in arrival order, throttled and faulted
     * ones included (a retry must carry a new one); requests without the header add nothing.
     */
    public List<String> operationIDs() {
        synchronized (operationIDs) {
            return List.copyOf(operationIDs);
        }
    }

    // ---- the vendor ------------------------------------------------------------------------------------------

    /** Also records the operationID: this is the one hook that sees every request, before faults and limits. */
    @Override
    protected Optional<String> apiOf(EmulatorRequest request) {
        String api = request.path().startsWith("/") ? request.path().substring(1) : request.path();
        if (!"POST".equals(request.method()) || !APIS.contains(api)
                || (SET_GROUP_INFO_EX.equals(api) && !version.hasSetGroupInfoEx())) {
            return Optional.empty();
        }
        String operationID = request.header("operationID");
        if (operationID != null && !operationID.isEmpty()) {
            synchronized (operationIDs) {
                operationIDs.add(operationID);
            }
        }
        return Optional.of(api);
    }

    @Override
    protected EmulatorResponse serve(String api, EmulatorRequest request) {
        try {
            String operationID = request.header("operationID");
            if (operationID == null || operationID.isEmpty()) {
                throw OpenImError.args("header must have operationID");
            }
            if (!GET_ADMIN_TOKEN.equals(api)) {
                String token = request.header("token");
                if (token == null || token.isEmpty()) {
                    throw OpenImError.args("header must have token");
                }
                tokens.check(token);
            }
            return route(api, Gateway.body(request));
        } catch (OpenImError e) {
            return e.answer();
        }
    }

    private EmulatorResponse route(String api, JsonNode body) {
        if (GET_ADMIN_TOKEN.equals(api)) {
            return Gateway.ok(tokens.issue(Fields.optionalString(body, "secret"),
                    Fields.optionalString(body, "userID")));
        }
        if (GET_GROUPS_INFO.equals(api)) {
            return Gateway.ok(reads.getGroupsInfo(body));
        }
        if (GET_GROUP_MEMBERS_INFO.equals(api)) {
            return Gateway.ok(reads.getGroupMembersInfo(body));
        }
        switch (api) {
            case SET_GROUP_INFO_EX -> routes.setGroupInfoEx(body);
            case SET_GROUP_INFO -> routes.setGroupInfo(body);
            case SET_GROUP_MEMBER_INFO -> routes.setGroupMemberInfo(body);
            case MUTE_GROUP_MEMBER -> routes.muteGroupMember(body);
            case CANCEL_MUTE_GROUP_MEMBER -> routes.cancelMuteGroupMember(body);
            case MUTE_GROUP -> routes.setGroupMuted(body, true);
            case CANCEL_MUTE_GROUP -> routes.setGroupMuted(body, false);
            default -> throw new IllegalStateException("apiOf admitted an API with no route: " + api);
        }
        return Gateway.ok(null);
    }

    @Override
    protected EmulatorResponse throttledAnswer(String api) {
        return OpenImError.tooManyRequests().answer(429)
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    /** VENDOR_TRANSIENT is one of the gateway's RPC failures in turn ({@link Gateway#nextTransientAnswer}). */
    @Override
    protected EmulatorResponse vendorFaultAnswer(Fault fault, String api) {
        return switch (fault) {
            case VENDOR_TRANSIENT -> gateway.nextTransientAnswer(version);
            case AUTH_EXPIRED -> OpenImError.tokenExpired().answer();
            default -> throw new IllegalArgumentException("not a vendor fault: " + fault);
        };
    }

    /** An injected expiry expires the presented token for good, so the client has to fetch a new one. */
    @Override
    protected EmulatorResponse vendorFaultAnswer(Fault fault, String api, EmulatorRequest request) {
        String token = request.header("token");
        if (fault == Fault.AUTH_EXPIRED && token != null) {
            tokens.expire(token);
        }
        return vendorFaultAnswer(fault, api);
    }
}
