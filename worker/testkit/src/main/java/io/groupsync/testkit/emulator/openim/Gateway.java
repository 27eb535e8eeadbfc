package io.groupsync.testkit.emulator.openim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.testkit.emulator.EmulatorRequest;
import io.groupsync.testkit.emulator.EmulatorResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The gateway's envelope: the body it reads, its success answer, and its RPC failures. */
final class Gateway {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private int transientAnswers;

    /** Success: errCode 0 and empty texts, plus {@code data} when the API returns some. */
    static EmulatorResponse ok(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errCode", 0);
        body.put("errMsg", "");
        body.put("errDlt", "");
        if (data != null) {
            body.put("data", data);
        }
        return EmulatorResponse.json(200, 0, body);
    }

    static JsonNode body(EmulatorRequest request) {
        try {
            JsonNode body = MAPPER.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw OpenImError.args("body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw OpenImError.args("body is not JSON");
        }
    }

    /**
     * An RPC failure as the gateway answers it, an HTTP 200 envelope; the answers take turns, in this order: the RPC
     * limiter's refusal (500 in the releases, 8 ResourceExhausted on main), then the gRPC statuses of an RPC service
     * that is restarting (14 Unavailable) or too slow (4 DeadlineExceeded).
     */
    synchronized EmulatorResponse nextTransientAnswer(OpenImVersion version) {
        int turn = transientAnswers++ % 3;
        OpenImError error = switch (turn) {
            case 0 -> version.rpcLimiterCode() == OpenImError.SERVER_INTERNAL
                    ? OpenImError.serverInternal("rpc request rate limit exceeded")
                    : OpenImError.grpc(OpenImError.GRPC_RESOURCE_EXHAUSTED, "ResourceExhausted",
                            "rpc request rate limit exceeded");
            case 1 -> OpenImError.grpc(OpenImError.GRPC_UNAVAILABLE, "Unavailable",
                    "connection error: desc = \"transport: Error while dialing: dial tcp: connection refused\"");
            default -> OpenImError.grpc(OpenImError.GRPC_DEADLINE_EXCEEDED, "DeadlineExceeded",
                    "context deadline exceeded");
        };
        return error.answer();
    }
}
