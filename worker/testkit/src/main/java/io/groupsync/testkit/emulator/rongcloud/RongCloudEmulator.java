package io.groupsync.testkit.emulator.rongcloud;

import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.EmulatorRequest;
import io.groupsync.testkit.emulator.EmulatorResponse;
import io.groupsync.testkit.emulator.Fault;
import io.groupsync.testkit.emulator.VendorEmulator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * RongCloud's server API for hosted ("entrust") groups on loopback: {@code /entrust/group/profile/update.json}
 * and {@code /entrust/group/member/set.json}, signed with App-Key/Nonce/Timestamp/Signature, form bodies,
 * {@code {"code":N,"errorMessage":…}} envelopes with the vendor's HTTP statuses, 100 calls/s per API.
 *
 * <p>Order inside one call: injected fault, frequency limit (429/1008), method, signature (401/1004), profile
 * hosting switch (430/1009), body (1003/1002), field checks (1002/1005), state. See {@link RongCloudAuth},
 * {@link FormChecks}, {@link ProfileUpdateRequest} and {@link RongCloudBackend} for the decisions taken where the
 * vendor's pages are silent. The {@link io.groupsync.testkit.emulator.CallLog} records the answer's {@code code},
 * which is 200 on success for this vendor.
 *
 * <p>For fail-over tests, {@link #backupDomain()} gives a second emulator on its own port, with its own call log
 * and fault plan, over the same {@link RongCloudBackend}.
 */
public final class RongCloudEmulator extends VendorEmulator {

    /** The API names in the call log and the limiter. */
    public static final String PROFILE_UPDATE = "group/profile/update";
    public static final String MEMBER_SET = "group/member/set";
    /** The read of chosen members ([sdk] {@code queryMembersByUserIds}). */
    public static final String MEMBER_QUERY = "group/member/specific/query";

    public static final String PROFILE_UPDATE_PATH = "/entrust/group/profile/update.json";
    public static final String MEMBER_SET_PATH = "/entrust/group/member/set.json";
    public static final String MEMBER_QUERY_PATH = "/entrust/group/member/specific/query.json";

    private static final Map<String, String> API_BY_PATH = Map.of(
            PROFILE_UPDATE_PATH, PROFILE_UPDATE, MEMBER_SET_PATH, MEMBER_SET, MEMBER_QUERY_PATH, MEMBER_QUERY);

    /** The two "try again" answers of the status table, chosen for {@link Fault#VENDOR_TRANSIENT}. */
    public enum TransientAnswer {
        /** HTTP 500, code 1000: internal error. */
        INTERNAL_ERROR(500, RongCloudRejection.INTERNAL_ERROR, "internal server error, try again later"),
        /** HTTP 504, code 1050: an internal service timed out. */
        SERVICE_TIMEOUT(504, RongCloudRejection.SERVICE_TIMEOUT, "internal service response timed out");

        private final int status;
        private final int code;
        private final String message;

        TransientAnswer(int status, int code, String message) {
            this.status = status;
            this.code = code;
            this.message = message;
        }
    }

    private final RongCloudBackend backend;
    private volatile TransientAnswer transientAnswer = TransientAnswer.INTERNAL_ERROR;

    /** The primary domain of a new app with these credentials. */
    public RongCloudEmulator(String appKey, String appSecret, EmulatorClock clock) {
        this(new RongCloudBackend(appKey, appSecret, clock));
    }

    /** One more domain of the app {@code backend} holds. */
    public RongCloudEmulator(RongCloudBackend backend) {
        super("rongcloud", backend.clock(), backend.limiter());
        this.backend = backend;
    }

    /** A second emulator for the {@code api-b} domain: same app and state, own port, call log and faults. */
    public RongCloudEmulator backupDomain() {
        return new RongCloudEmulator(backend);
    }

    @Override
    public synchronized RongCloudEmulator start() {
        super.start();
        return this;
    }

    public RongCloudBackend backend() {
        return backend;
    }

    /** Which answer {@link Fault#VENDOR_TRANSIENT} gives on this domain (500/1000 by default). */
    public void setTransientAnswer(TransientAnswer answer) {
        this.transientAnswer = answer;
    }

    public GroupState seedGroup(String groupId, String name) {
        return backend.seedGroup(groupId, name);
    }

    public MemberState seedMember(String groupId, String userId) {
        return backend.seedMember(groupId, userId);
    }

    /** The group as held now, or null if there is none. */
    public GroupState group(String groupId) {
        return backend.group(groupId);
    }

    public Map<String, GroupState> groups() {
        return backend.groups();
    }

    /** The member as held now, or null if there is none. */
    public MemberState member(String groupId, String userId) {
        return backend.member(groupId, userId);
    }

    public Map<String, MemberState> members(String groupId) {
        return backend.members(groupId);
    }

    public void setServiceEnabled(boolean enabled) {
        backend.setServiceEnabled(enabled);
    }

    public void setAutoCreate(boolean enabled) {
        backend.setAutoCreate(enabled);
    }

    public void setTimestampTolerance(Duration tolerance) {
        backend.setTimestampTolerance(tolerance);
    }

    @Override
    protected Optional<String> apiOf(EmulatorRequest request) {
        return Optional.ofNullable(API_BY_PATH.get(request.path()));
    }

    @Override
    protected EmulatorResponse serve(String api, EmulatorRequest request) {
        if (!"POST".equals(request.method())) {
            return EmulatorResponse.plain(405, "Method Not Allowed");
        }
        try {
            backend.verify(request);
            Map<String, String> form = FormChecks.form(request);
            if (api.equals(MEMBER_QUERY)) {
                return backend.query(FormChecks.groupId(form), FormChecks.required(form, "userIds",
                        Integer.MAX_VALUE));
            }
            if (api.equals(PROFILE_UPDATE)) {
                backend.apply(ProfileUpdateRequest.parse(form));
            } else {
                backend.apply(MemberSetRequest.parse(form));
            }
            return RongCloudRejection.envelope(200, RongCloudRejection.OK, null);
        } catch (RongCloudRejection rejection) {
            return rejection.answer();
        }
    }

    @Override
    protected EmulatorResponse throttledAnswer(String api) {
        return RongCloudRejection.envelope(429, RongCloudRejection.TOO_FREQUENT,
                "call frequency over limit for " + api);
    }

    /** RongCloud has no expiring credential: {@link Fault#AUTH_EXPIRED} is answered as a bad signature. */
    @Override
    protected EmulatorResponse vendorFaultAnswer(Fault fault, String api) {
        if (fault == Fault.AUTH_EXPIRED) {
            return RongCloudRejection.badSignature("signature error: check App Key and Secret").answer();
        }
        TransientAnswer answer = transientAnswer;
        return RongCloudRejection.envelope(answer.status, answer.code, answer.message);
    }
}
