package io.groupsync.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The calls an emulator served, filed under the worker's keys they were for: a group's profile ({@code g}) or one
 * member ({@code g/m}), read from the request as the vendor reads it. The worker keeps at most one call in flight per
 * key, so two calls of one key in progress at the emulator at once mean two senders for that key (or a broken
 * guarantee within one); and a key's arrivals show how its retries were spaced. Where a request tells which worker
 * process sent it (Tencent's UserSig, drawn per process; OpenIM's operationID prefix, drawn per client), the call
 * keeps that too, so a suite can show that keys did change hands.
 */
public final class KeyedCalls {

    /**
     * One call of one key: when it was in progress at the emulator, and how it was answered.
     *
     * @param sender which worker process sent it, or null where the request does not tell
     */
    public record Served(String key, String api, String sender, long arrivalNanos, long answeredNanos, int status) {
    }

    /** Two calls of one key in progress at the same time. */
    public record Overlap(Served first, Served second) {
        @Override
        public String toString() {
            return first.key() + ": " + first.api() + " from " + first.sender() + " [" + first.arrivalNanos() + ", "
                    + first.answeredNanos() + "] and " + second.api() + " from " + second.sender() + " ["
                    + second.arrivalNanos() + ", " + second.answeredNanos() + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<Served>> byKey = new HashMap<>();
    private final Function<EmulatorRequest, Set<String>> keysOf;
    private final Function<EmulatorRequest, String> senderOf;

    private KeyedCalls(Function<EmulatorRequest, Set<String>> keysOf, Function<EmulatorRequest, String> senderOf) {
        this.keysOf = keysOf;
        this.senderOf = senderOf;
    }

    /** Files every call {@code emulator} serves from now on; {@code keysOf} reads a request's keys. */
    private static KeyedCalls watching(VendorEmulator emulator, Function<EmulatorRequest, Set<String>> keysOf,
                                       Function<EmulatorRequest, String> senderOf) {
        KeyedCalls calls = new KeyedCalls(keysOf, senderOf);
        emulator.watch(calls::add);
        return calls;
    }

    /** Tencent: {@code GroupId}, with {@code Member_Account} or the muted {@code Members_Account}. */
    public static KeyedCalls tencent(VendorEmulator emulator) {
        return watching(emulator, request -> {
            JsonNode body = json(request);
            String group = body.path("GroupId").asText();
            Set<String> keys = new LinkedHashSet<>();
            if (body.has("Member_Account")) {
                keys.add(group + "/" + body.get("Member_Account").asText());
            } else if (body.has("Members_Account")) {
                body.get("Members_Account").forEach(m -> keys.add(group + "/" + m.asText()));
            } else if (!group.isEmpty()) {
                keys.add(group);
            }
            return keys;
        }, request -> request.query().get("usersig"));
    }

    /**
     * OpenIM: {@code groupID} with an optional {@code userID}; a member batch's {@code members}; the reads before a
     * custom-data merge ({@code groupIDs}, or {@code groupID} with {@code userIDs}). The admin token is no key's.
     */
    public static KeyedCalls openIm(VendorEmulator emulator) {
        return watching(emulator, request -> {
            JsonNode body = json(request);
            Set<String> keys = new LinkedHashSet<>();
            body.path("members").forEach(m -> keys.add(m.path("groupID").asText() + "/" + m.path("userID").asText()));
            body.path("groupIDs").forEach(g -> keys.add(g.asText()));
            String group = body.path("groupID").asText();
            if (body.has("userIDs")) {
                body.get("userIDs").forEach(u -> keys.add(group + "/" + u.asText()));
            } else if (body.has("userID")) {
                keys.add(group + "/" + body.get("userID").asText());
            } else if (!group.isEmpty()) {
                keys.add(group);
            }
            return keys;
        }, request -> {
            String operationID = request.header("operationID");
            return operationID == null ? null : operationID.substring(0, Math.max(0, operationID.lastIndexOf('-')));
        });
    }

    /** RongCloud: the form's group and members ({@link #rongCloudKeys}). */
    public static KeyedCalls rongCloud(VendorEmulator emulator) {
        return watching(emulator, request -> rongCloudKeys(EmulatorRequest.decodeForm(request.bodyText())),
                request -> null);
    }

    /**
     * A RongCloud form's keys: {@code groupId} with the member's {@code userId} (a write) or each of the
     * comma-separated {@code userIds} (the member read), the group alone when it names no member.
     */
    static Set<String> rongCloudKeys(Map<String, String> form) {
        String group = form.getOrDefault("groupId", "");
        if (group.isEmpty()) {
            return Set.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        if (form.containsKey("userIds")) {
            for (String user : form.get("userIds").split(",")) {
                keys.add(group + "/" + user.strip());
            }
        } else {
            keys.add(form.containsKey("userId") ? group + "/" + form.get("userId") : group);
        }
        return keys;
    }

    private synchronized void add(EmulatorRequest request, Call call) {
        String sender = senderOf.apply(request);
        for (String key : keysOf.apply(request)) {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Served(key, call.api(), sender,
                    call.arrivalNanos(), call.answeredNanos(), call.status()));
        }
    }

    /** Keys called by more than one worker process, as far as the requests tell. */
    public synchronized int keysFromSeveralSenders() {
        return (int) byKey.values().stream()
                .filter(calls -> calls.stream().map(Served::sender).filter(Objects::nonNull).distinct().count() > 1)
                .count();
    }

    /** Calls filed. */
    public synchronized int count() {
        return byKey.values().stream().mapToInt(List::size).sum();
    }

    public synchronized int keys() {
        return byKey.size();
    }

    /** Every pair of calls of one key whose times in progress intersect, in key order. */
    public synchronized List<Overlap> overlaps() {
        List<Overlap> found = new ArrayList<>();
        byKey.values().forEach(calls -> found.addAll(overlaps(calls)));
        found.sort(Comparator.comparing(o -> o.first().key()));
        return found;
    }

    /**
     * The calls of one key that arrived while an earlier one was still in progress, each with the earlier call
     * reaching furthest: one pair per call that overlaps any earlier one. A call never served changed nothing and is
     * left out.
     */
    public static List<Overlap> overlaps(List<Served> calls) {
        List<Served> sorted = new ArrayList<>(calls.stream().filter(c -> c.answeredNanos() > c.arrivalNanos())
                .toList());
        sorted.sort(Comparator.comparingLong(Served::arrivalNanos));
        List<Overlap> found = new ArrayList<>();
        Served reaching = null;
        for (Served call : sorted) {
            if (reaching != null && call.arrivalNanos() < reaching.answeredNanos()) {
                found.add(new Overlap(reaching, call));
            }
            if (reaching == null || call.answeredNanos() > reaching.answeredNanos()) {
                reaching = call;
            }
        }
        return found;
    }

    /** Each key's calls in order of arrival. */
    public synchronized Map<String, List<Served>> byKey() {
        Map<String, List<Served>> copy = new HashMap<>();
        byKey.forEach((key, calls) -> {
            List<Served> sorted = new ArrayList<>(calls);
            sorted.sort(Comparator.comparingLong(Served::arrivalNanos));
            copy.put(key, sorted);
        });
        return copy;
    }

    private static JsonNode json(EmulatorRequest request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            return body == null ? JSON.createObjectNode() : body;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
