package io.groupsync.testkit.emulator.rongcloud;

import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.EmulatorRequest;
import io.groupsync.testkit.emulator.EmulatorResponse;
import io.groupsync.testkit.emulator.SlidingWindowLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One RongCloud app as the vendor's servers hold it, behind every domain: its credentials, its frequency quota,
 * its service switch and its hosted groups and members. Two {@link RongCloudEmulator}s built on one backend play
 * the primary domain and the {@code api-b} backup: a change made through one is seen through the other, and
 * both count calls against one quota per API (decision: the limit belongs to the App Key, not to a domain).
 * Thread-safe.
 */
public final class RongCloudBackend {

    public static final int DEFAULT_LIMIT_PER_SECOND = 100;
    public static final int DEFAULT_MAX_EXT_PAIRS = 10;

    private final EmulatorClock clock;
    private final SlidingWindowLimiter limiter;
    private final RongCloudAuth auth;
    private final Map<String, GroupState> groups = new TreeMap<>();
    private final Map<String, SortedMap<String, MemberState>> members = new TreeMap<>();
    private boolean serviceEnabled = true;
    private boolean autoCreate;
    private int maxExtPairs = DEFAULT_MAX_EXT_PAIRS;

    public RongCloudBackend(String appKey, String appSecret, EmulatorClock clock) {
        if (appKey == null || appKey.isBlank() || appSecret == null || appSecret.isBlank()) {
            throw new IllegalArgumentException("App Key and App Secret must not be blank");
        }
        this.clock = clock;
        this.limiter = new SlidingWindowLimiter(clock, DEFAULT_LIMIT_PER_SECOND);
        this.auth = new RongCloudAuth(appKey, appSecret, clock);
    }

    public EmulatorClock clock() {
        return clock;
    }

    /** The per-API quota every domain of this app counts against (100/s by default; settable per API). */
    public SlidingWindowLimiter limiter() {
        return limiter;
    }

    /** The "profile hosting" service; when off, both APIs answer HTTP 430 with code 1009. On by default. */
    public synchronized void setServiceEnabled(boolean enabled) {
        this.serviceEnabled = enabled;
    }

    /** When on, editing an unknown group or member creates it first (for load tests). Off by default. */
    public synchronized void setAutoCreate(boolean enabled) {
        this.autoCreate = enabled;
    }

    /** How many {@code ext_} pairs a group may hold ("10 by default" on the vendor page). */
    public synchronized void setMaxExtPairs(int max) {
        this.maxExtPairs = max;
    }

    /** How far a request's Timestamp may be from the clock, either way (default 5 minutes). */
    public void setTimestampTolerance(Duration tolerance) {
        auth.setTolerance(tolerance);
    }

    /** Adds or replaces a hosted group with {@code name} and nothing else set, as the create API would. */
    public GroupState seedGroup(String groupId, String name) {
        return seedGroup(GroupState.created(groupId, name));
    }

    /** Adds or replaces a hosted group exactly as given. */
    public synchronized GroupState seedGroup(GroupState group) {
        groups.put(group.groupId(), group);
        return group;
    }

    /** Adds a member without nickname or extra to a seeded group, as a join would. */
    public synchronized MemberState seedMember(String groupId, String userId) {
        if (!groups.containsKey(groupId)) {
            throw new IllegalStateException("seed group " + groupId + " before its members");
        }
        MemberState member = new MemberState(groupId, userId, null, null);
        members.computeIfAbsent(groupId, g -> new TreeMap<>()).put(userId, member);
        return member;
    }

    /** The group as held now, or null if there is none. */
    public synchronized GroupState group(String groupId) {
        return groups.get(groupId);
    }

    /** Every group, by id. */
    public synchronized Map<String, GroupState> groups() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /** The member as held now, or null if there is none. */
    public synchronized MemberState member(String groupId, String userId) {
        Map<String, MemberState> ofGroup = members.get(groupId);
        return ofGroup == null ? null : ofGroup.get(userId);
    }

    /** The members of one group, by user id. */
    public synchronized Map<String, MemberState> members(String groupId) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(members.getOrDefault(groupId, new TreeMap<>())));
    }

    void verify(EmulatorRequest request) {
        auth.verify(request);
        synchronized (this) {
            if (!serviceEnabled) {
                throw RongCloudRejection.serviceDisabled();
            }
        }
    }

    /*
     * Decision (docs silent on unknown ids): editing a group that is not hosted, or a user who is not a member,
     * is a parameter error, 400 with 1002; the status table has no "not found" business code.
     */
    synchronized void apply(GroupPatch patch) {
        GroupState current = existingGroup(patch.groupId());
        GroupState next = current.merge(patch);
        if (next.groupExtProfile().size() > maxExtPairs) {
            throw RongCloudRejection.paramError("groupExtProfile would hold " + next.groupExtProfile().size()
                    + " pairs, at most " + maxExtPairs + " allowed");
        }
        groups.put(next.groupId(), next);
    }

    synchronized void apply(MemberSetRequest set) {
        groups.put(set.groupId(), existingGroup(set.groupId()));
        SortedMap<String, MemberState> ofGroup = members.computeIfAbsent(set.groupId(), g -> new TreeMap<>());
        MemberState current = ofGroup.get(set.userId());
        if (current == null && !autoCreate) {
            throw RongCloudRejection.paramError("user " + set.userId() + " is not a member of group "
                    + set.groupId());
        }
        String extra = set.extra() != null ? set.extra() : current == null ? null : current.extra();
        ofGroup.put(set.userId(), new MemberState(set.groupId(), set.userId(), set.nickname(), extra));
    }

    /**
     * {@code member/specific/query.json}: {@code {"code":200,"members":[{userId, nickname, role, time, extra}]}} for
     * the listed users who are members ([sdk] {@code GroupMember}). Decisions: a user who is not a member is left
     * out of the list; a nickname never set is answered as the user's name, which the emulator does not model, so
     * as the user id ([sdk]: "defaults to the user's name if not set"); an extra never set is "". With
     * auto-creation on, an unknown group or member is answered as a new member would be (nothing is stored: the
     * edit that follows creates it), so that load tests need not seed members.
     */
    synchronized EmulatorResponse query(String groupId, String userIds) {
        GroupState group = groups.get(groupId);
        if (group == null && !autoCreate) {
            throw RongCloudRejection.paramError("group " + groupId + " does not exist");
        }
        List<Map<String, Object>> found = new ArrayList<>();
        for (String userId : userIds.split(",")) {
            MemberState member = members.getOrDefault(groupId, new TreeMap<>()).get(userId.strip());
            if (member == null && autoCreate) {
                member = new MemberState(groupId, userId.strip(), null, null);
            }
            if (member != null) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("userId", member.userId());
                entry.put("nickname", member.nickname() == null ? member.userId() : member.nickname());
                entry.put("role", 0);
                entry.put("time", 0);
                entry.put("extra", member.extra() == null ? "" : member.extra());
                found.add(entry);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", RongCloudRejection.OK);
        body.put("members", found);
        return EmulatorResponse.json(200, RongCloudRejection.OK, body);
    }

    /** The held group, or with auto-create a new one the caller stores once the call succeeds. */
    private GroupState existingGroup(String groupId) {
        GroupState group = groups.get(groupId);
        if (group == null && autoCreate) {
            group = GroupState.created(groupId, null);
        }
        if (group == null) {
            throw RongCloudRejection.paramError("group " + groupId + " does not exist");
        }
        return group;
    }
}
