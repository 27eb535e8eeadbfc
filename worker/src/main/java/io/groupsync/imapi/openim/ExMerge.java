package io.groupsync.imapi.openim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The read half of the read-modify-write of {@code ex} (see {@link OpenImEx}): turns a planned body whose
 * {@code ex} is a merge patch into the body to send, by reading the current {@code ex} with
 * {@code group/get_groups_info} or {@code group/get_group_members_info} (one read per group of the call).
 *
 * <p>The read is one extra request per dispatch that carries custom data, paced under its own API's limit (a token
 * of its own at the call's wire gate); if the vendor throttles it anyway, the write's result is THROTTLED, so the
 * write's bucket slows down. The key is in flight from the read to the write, so no other
 * groupsync call changes the same {@code ex} in between; a writer outside groupsync could, and would lose.
 */
final class ExMerge {

    static final String GET_GROUPS_INFO = "group/get_groups_info";
    static final String GET_GROUP_MEMBERS_INFO = "group/get_group_members_info";

    /** The body to send, or why there is none; {@code reads} says which reads it took, for the result. */
    record Merged(ObjectNode body, CallResult failure, String reads) {

        static Merged failed(CallResult failure) {
            return new Merged(null, failure, null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sends one request with the route's token and classifies the answer. */
    private final BiFunction<String, ObjectNode, CompletableFuture<OpenImReply>> exchange;

    ExMerge(BiFunction<String, ObjectNode, CompletableFuture<OpenImReply>> exchange) {
        this.exchange = exchange;
    }

    /** Whether {@code planned} carries an {@code ex} merge patch that must be resolved before sending. */
    static boolean needed(String api, JsonNode planned) {
        if (OpenImRequests.SET_GROUP_INFO_EX.equals(api)) {
            return OpenImEx.isMergePatch(planned.get("ex"));
        }
        if (OpenImRequests.SET_GROUP_MEMBER_INFO.equals(api)) {
            for (JsonNode member : planned.path("members")) {
                if (OpenImEx.isMergePatch(member.get("ex"))) {
                    return true;
                }
            }
        }
        return false;
    }

    CompletableFuture<Merged> resolve(String api, ObjectNode planned) {
        return OpenImRequests.SET_GROUP_INFO_EX.equals(api) ? group(planned) : members(planned);
    }

    private CompletableFuture<Merged> group(ObjectNode planned) {
        String groupId = planned.path("groupID").asText();
        ObjectNode read = JSON.createObjectNode();
        read.putArray("groupIDs").add(groupId);
        return exchange.apply(GET_GROUPS_INFO, read).thenApply(reply -> {
            if (!reply.result().isOk()) {
                return Merged.failed(readFailed(GET_GROUPS_INFO, reply.result()));
            }
            JsonNode info = find(reply.data().path("groupInfos"), g -> groupId.equals(g.path("groupID").asText()));
            if (info == null) {
                return Merged.failed(notFound(GET_GROUPS_INFO, "group " + groupId, reply.result()));
            }
            ObjectNode body = planned.deepCopy();
            try {
                body.put("ex", OpenImEx.merge(info.path("ex").asText(""), planned.get("ex"), "group " + groupId));
            } catch (OpenImEx.NotAnObject e) {
                return Merged.failed(permanent(e.getMessage(), reply.result()));
            }
            return new Merged(body, null, GET_GROUPS_INFO + " " + reply.result().message());
        });
    }

    private CompletableFuture<Merged> members(ObjectNode planned) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (JsonNode member : planned.path("members")) {
            if (OpenImEx.isMergePatch(member.get("ex"))) {
                wanted.computeIfAbsent(member.path("groupID").asText(), g -> new LinkedHashSet<>())
                        .add(member.path("userID").asText());
            }
        }
        Map<String, CompletableFuture<OpenImReply>> reads = new LinkedHashMap<>();
        wanted.forEach((groupId, userIds) -> {
            ObjectNode read = JSON.createObjectNode().put("groupID", groupId);
            userIds.forEach(read.putArray("userIDs")::add);
            reads.put(groupId, exchange.apply(GET_GROUP_MEMBERS_INFO, read));
        });
        return CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new))
                .thenApply(done -> mergeMembers(planned, reads));
    }

    private static Merged mergeMembers(ObjectNode planned, Map<String, CompletableFuture<OpenImReply>> reads) {
        for (OpenImReply reply : reads.values().stream().map(CompletableFuture::join).toList()) {
            if (!reply.result().isOk()) {
                return Merged.failed(readFailed(GET_GROUP_MEMBERS_INFO, reply.result()));
            }
        }
        ObjectNode body = planned.deepCopy();
        for (JsonNode node : body.path("members")) {
            ObjectNode member = (ObjectNode) node;
            if (!OpenImEx.isMergePatch(member.get("ex"))) {
                continue;
            }
            String groupId = member.path("groupID").asText();
            String userId = member.path("userID").asText();
            OpenImReply reply = reads.get(groupId).join();
            String whose = "member " + userId + " of group " + groupId;
            JsonNode info = find(reply.data().path("members"), m -> groupId.equals(m.path("groupID").asText())
                    && userId.equals(m.path("userID").asText()));
            if (info == null) {
                return Merged.failed(notFound(GET_GROUP_MEMBERS_INFO, whose, reply.result()));
            }
            try {
                member.put("ex", OpenImEx.merge(info.path("ex").asText(""), member.get("ex"), whose));
            } catch (OpenImEx.NotAnObject e) {
                return Merged.failed(permanent(e.getMessage(), reply.result()));
            }
        }
        List<String> done = new ArrayList<>();
        reads.values().forEach(r -> done.add(GET_GROUP_MEMBERS_INFO + " " + r.join().result().message()));
        return new Merged(body, null, String.join(", ", done));
    }

    private static JsonNode find(JsonNode list, Predicate<JsonNode> match) {
        for (JsonNode item : list) {
            if (match.test(item)) {
                return item;
            }
        }
        return null;
    }

    /** The read's own outcome (throttled, transient, refused), said to be the read's. */
    private static CallResult readFailed(String api, CallResult read) {
        return read.withMessage("reading ex first with " + api + " failed: " + read.message());
    }

    private static CallResult notFound(String api, String whose, CallResult read) {
        return permanent(api + " did not return " + whose + " (not found), so its ex cannot be merged", read);
    }

    private static CallResult permanent(String why, CallResult read) {
        return CallResult.of(CallClass.PERMANENT, null, read.httpStatus(), why + " [" + read.message() + "]");
    }
}
