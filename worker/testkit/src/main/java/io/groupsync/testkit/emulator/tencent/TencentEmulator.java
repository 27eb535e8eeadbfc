package io.groupsync.testkit.emulator.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.EmulatorRequest;
import io.groupsync.testkit.emulator.EmulatorResponse;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.VendorEmulator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tencent Cloud Chat's REST API v4 for the group commands groupsync calls:
 * {@code POST /v4/group_open_http_svc/{command}?sdkappid=&identifier=&usersig=&random=&contenttype=json}, with
 * {@value #MODIFY_GROUP_BASE_INFO}, {@value #MODIFY_GROUP_MEMBER_INFO}, {@value #FORBID_SEND_MSG} and
 * {@value #GET_GROUP_INFO}; the command is the API name in the {@link io.groupsync.testkit.emulator.CallLog} and
 * the limiter. Answers are always HTTP 200 with Tencent's envelope, except for the core's injected network faults.
 *
 * <p>Checks in the order a request meets them: URL (sdkappid, then identifier and usersig, then random and
 * contenttype), the UserSig ({@link UserSigVerifier}), the admin, the JSON body, then the command's own rules.
 */
public final class TencentEmulator extends VendorEmulator {

    public static final String SERVICE_PATH = "/v4/group_open_http_svc/";
    public static final String MODIFY_GROUP_BASE_INFO = "modify_group_base_info";
    public static final String MODIFY_GROUP_MEMBER_INFO = "modify_group_member_info";
    public static final String FORBID_SEND_MSG = "forbid_send_msg";
    public static final String GET_GROUP_INFO = "get_group_info";
    /** Tencent's documented limit: 200 calls per second per API per SDKAppID. */
    public static final int DEFAULT_LIMIT_PER_SECOND = 200;
    /** "REST API call frequency over limit", the default throttled answer. */
    public static final int REST_FREQUENCY_LIMIT = 60007;
    /** The group service's "operation frequency limit", the alternative throttled answer. */
    public static final int GROUP_FREQUENCY_LIMIT = 10006;
    /** "The signature may be wrong, please try again" (Tencent's error-code page). */
    public static final int SIGNATURE_RETRY = 10008;

    private static final Set<Integer> FREQUENCY_CODES = Set.of(GROUP_FREQUENCY_LIMIT, REST_FREQUENCY_LIMIT,
            60011, 60018, 60019);

    private final long sdkAppId;
    private final String adminIdentifier;
    private final UserSigVerifier verifier;
    private final TencentState state = new TencentState();
    private final ProfileCommands profiles;
    private final MuteAndQueryCommands muteAndQuery;
    private volatile int throttleCode = REST_FREQUENCY_LIMIT;
    private final AtomicInteger signatureRetries = new AtomicInteger();

    public TencentEmulator(long sdkAppId, String adminIdentifier, String secretKey, EmulatorClock clock) {
        super("tencent", clock, DEFAULT_LIMIT_PER_SECOND);
        this.sdkAppId = sdkAppId;
        this.adminIdentifier = Objects.requireNonNull(adminIdentifier, "adminIdentifier");
        this.verifier = new UserSigVerifier(sdkAppId, Objects.requireNonNull(secretKey, "secretKey"));
        this.profiles = new ProfileCommands(state, clock, adminIdentifier);
        this.muteAndQuery = new MuteAndQueryCommands(state, clock);
    }

    @Override
    public synchronized TencentEmulator start() {
        super.start();
        return this;
    }

    public long sdkAppId() {
        return sdkAppId;
    }

    public String adminIdentifier() {
        return adminIdentifier;
    }

    // ---- seeding and switches -------------------------------------------------------------------------------

    /** A group without an owner, as the app admin creates it. */
    public GroupState seedGroup(String groupId, GroupType type) {
        return state.seedGroup(groupId, type, null);
    }

    /** A group whose owner is also its first member (Role Owner). */
    public GroupState seedGroup(String groupId, GroupType type, String ownerAccount) {
        return state.seedGroup(groupId, type, Objects.requireNonNull(ownerAccount, "ownerAccount"));
    }

    /** A plain member (Role Member). */
    public MemberState seedMember(String groupId, String memberAccount) {
        return state.seedMember(groupId, memberAccount, TencentState.MEMBER);
    }

    /** A member with Role {@code Admin} or {@code Member}. */
    public MemberState seedMember(String groupId, String memberAccount, String role) {
        return state.seedMember(groupId, memberAccount, role);
    }

    /** Creates unknown groups (as {@link GroupType#PUBLIC}) and members on their first edit; off by default. */
    public void setAutoCreate(boolean on) {
        state.setAutoCreate(on, GroupType.PUBLIC);
    }

    /** Creates unknown groups of {@code type} and unknown members on their first edit. */
    public void setAutoCreate(boolean on, GroupType type) {
        state.setAutoCreate(on, Objects.requireNonNull(type, "type"));
    }

    /** An account that exists in the app without being in a group, e.g. an operator named in From_Account. */
    public void importAccount(String account) {
        state.importAccount(Objects.requireNonNull(account, "account"));
    }

    /**
     * An app admin account besides the one requests are signed for (Tencent's console allows several): as a
     * From_Account it may edit any group.
     */
    public void importAppAdmin(String account) {
        state.importAppAdmin(Objects.requireNonNull(account, "account"));
    }

    /** The most members the app's plan allows in a Work, Public or Meeting group (6,000 by default, the most). */
    public void setPlanMaxMembers(long max) {
        profiles.setPlanMaxMembers(max);
    }

    /**
     * The next {@code times} well-signed calls are answered 10008, Tencent's "the signature may be wrong, try
     * again"; the calls after them are served.
     */
    public void answerSignatureRetry(int times) {
        signatureRetries.addAndGet(times);
    }

    /** The code of the throttled answer: {@value #REST_FREQUENCY_LIMIT} (default), 10006 or another 600xx one. */
    public void setThrottleCode(int code) {
        if (!FREQUENCY_CODES.contains(code)) {
            throw new IllegalArgumentException("not a Tencent frequency-limit code: " + code);
        }
        this.throttleCode = code;
    }

    // ---- what the vendor holds now ----------------------------------------------------------------------------

    /** The group as held now; throws {@link java.util.NoSuchElementException} when there is none. */
    public GroupState group(String groupId) {
        return state.group(groupId);
    }

    public Map<String, GroupState> groups() {
        return state.groups();
    }

    /** The member as held now; throws {@link java.util.NoSuchElementException} when there is none. */
    public MemberState member(String groupId, String memberAccount) {
        return state.member(groupId, memberAccount);
    }

    public Map<String, MemberState> members(String groupId) {
        return state.members(groupId);
    }

    // ---- VendorEmulator ---------------------------------------------------------------------------------------

    @Override
    protected Optional<String> apiOf(EmulatorRequest request) {
        String path = request.path();
        if (!path.startsWith(SERVICE_PATH) || path.length() == SERVICE_PATH.length()
                || path.indexOf('/', SERVICE_PATH.length()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(path.substring(SERVICE_PATH.length()));
    }

    @Override
    protected EmulatorResponse serve(String api, EmulatorRequest request) {
        try {
            authenticate(request);
            if (signatureRetries.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new TencentError(SIGNATURE_RETRY, "the signature may be wrong, please try again");
            }
            Body body = new Body(parse(request));
            return switch (api) {
                case MODIFY_GROUP_BASE_INFO -> profiles.modifyGroupBaseInfo(body);
                case MODIFY_GROUP_MEMBER_INFO -> profiles.modifyGroupMemberInfo(body);
                case FORBID_SEND_MSG -> muteAndQuery.forbidSendMsg(body);
                case GET_GROUP_INFO -> muteAndQuery.getGroupInfo(body);
                default -> TencentAnswer.fail(TencentError.BAD_COMMAND, "invalid command word: " + api);
            };
        } catch (TencentError refused) {
            return TencentAnswer.fail(refused);
        }
    }

    @Override
    protected EmulatorResponse throttledAnswer(String api) {
        int code = throttleCode;
        return TencentAnswer.fail(code, code == GROUP_FREQUENCY_LIMIT
                ? "operation frequency limit: " + api
                : "REST API request frequency over limit: " + api);
    }

    @Override
    protected EmulatorResponse vendorFaultAnswer(Fault fault, String api) {
        return switch (fault) {
            case VENDOR_TRANSIENT -> TencentAnswer.fail(TencentError.INTERNAL, "internal server error, try again");
            case AUTH_EXPIRED -> TencentAnswer.fail(UserSigVerifier.EXPIRED, "UserSig expired");
            default -> throw new IllegalArgumentException("not a vendor-answered fault: " + fault);
        };
    }

    /**
     * The URL and the UserSig. Decisions (docs/vendors/tencent.md lists the codes, not which check gives which):
     * <ul>
     *   <li>not POST, missing or non-uint32 {@code random}, {@code contenttype} other than json → 60002 (bad URL);
     *   <li>sdkappid missing → 60012; not a number or not this app → 60006 (the gateway does not know it);
     *   <li>identifier or usersig missing → 60004;
     *   <li>a valid UserSig whose identifier is not the app admin → 60010 (the API needs admin rights).
     * </ul>
     */
    private void authenticate(EmulatorRequest request) {
        if (!"POST".equals(request.method())) {
            throw new TencentError(60002, "HTTP parse error: REST API calls are POST");
        }
        Map<String, String> query = request.query();
        String appId = query.getOrDefault("sdkappid", "");
        if (appId.isEmpty()) {
            throw new TencentError(60012, "sdkappid is required in the request URL");
        }
        if (!appId.equals(Long.toString(sdkAppId))) {
            throw new TencentError(60006, "SDKAppID " + appId + " is invalid");
        }
        String identifier = query.getOrDefault("identifier", "");
        String userSig = query.getOrDefault("usersig", "");
        if (identifier.isEmpty() || userSig.isEmpty()) {
            throw new TencentError(60004, "identifier and usersig are required in the request URL");
        }
        if (!isUint32(query.get("random"))) {
            throw new TencentError(60002, "HTTP parse error: random must be a 32-bit unsigned integer");
        }
        if (!"json".equals(query.get("contenttype"))) {
            throw new TencentError(60002, "HTTP parse error: contenttype must be json");
        }
        UserSigVerifier.Verdict verdict = verifier.verify(identifier, userSig,
                Math.floorDiv(clock.currentTimeMillis(), 1000L));
        if (!verdict.valid()) {
            throw new TencentError(verdict.code(), verdict.info());
        }
        if (!identifier.equals(adminIdentifier)) {
            throw new TencentError(60010, "this API requires the app admin; " + identifier + " is not one");
        }
    }

    /** Decision: unparsable JSON, or JSON that is not an object, fails at the REST gateway with 60003. */
    private static ObjectNode parse(EmulatorRequest request) {
        JsonNode node;
        try {
            node = JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new TencentError(60003, "HTTP request JSON parse error: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new TencentError(60003, "HTTP request JSON parse error");
        }
        if (node == null || !node.isObject()) {
            throw new TencentError(60003, "HTTP request JSON parse error: the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static boolean isUint32(String value) {
        if (value == null || value.isEmpty() || value.length() > 10
                || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Long.parseLong(value) <= Body.UINT32_MAX;
    }

    @Override
    public String toString() {
        return "TencentEmulator[sdkAppId=" + sdkAppId + ", admin=" + adminIdentifier + "]";
    }
}
