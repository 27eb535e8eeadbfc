package io.groupsync.testkit.emulator.openim;

import io.groupsync.testkit.emulator.EmulatorResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OpenIM error as the server answers it: HTTP 200 and {@code {"errCode","errMsg","errDlt"}}, errMsg being the
 * code's name and errDlt the detail followed by {@code ": [code]name"} (the page's failure example has an empty
 * detail: {@code ": [1004]RecordNotFoundError"}). Thrown by validation, turned into the answer in one place.
 * Codes and names are those of openimsdk/tools {@code errs} and open-im-server {@code servererrs} (v3.8).
 */
final class OpenImError extends RuntimeException {

    static final int SERVER_INTERNAL = 500;
    static final int ARGS = 1001;
    static final int NO_PERMISSION = 1002;
    static final int RECORD_NOT_FOUND = 1004;
    static final int DISMISSED_ALREADY = 1204;
    static final int TOKEN_EXPIRED = 1501;
    static final int TOKEN_MALFORMED = 1503;
    static final int TOKEN_UNKNOWN = 1505;
    static final int TOKEN_NOT_EXIST = 1507;
    /**
     * gRPC status codes: when the gateway's call to an RPC service fails below OpenIM's own errors (the service
     * restarting, a deadline passing, main's RPC limiter), openimsdk/tools' client interceptor hands the gRPC
     * status code on as the errCode, in an HTTP 200 envelope.
     */
    static final int GRPC_DEADLINE_EXCEEDED = 4;
    static final int GRPC_RESOURCE_EXHAUSTED = 8;
    static final int GRPC_UNAVAILABLE = 14;
    /** Not an OpenIM business code: the adaptive limiter's body code, equal to the HTTP status it comes with. */
    static final int TOO_MANY_REQUESTS = 429;

    private final int code;
    private final String name;
    private final String detail;

    private OpenImError(int code, String name, String detail) {
        super("[" + code + "]" + name + (detail.isEmpty() ? "" : " " + detail));
        this.code = code;
        this.name = name;
        this.detail = detail;
    }

    static OpenImError args(String detail) {
        return new OpenImError(ARGS, "ArgsError", detail);
    }

    static OpenImError noPermission(String detail) {
        return new OpenImError(NO_PERMISSION, "NoPermissionError", detail);
    }

    static OpenImError recordNotFound() {
        return new OpenImError(RECORD_NOT_FOUND, "RecordNotFoundError", "");
    }

    static OpenImError dismissedAlready() {
        return new OpenImError(DISMISSED_ALREADY, "DismissedAlreadyError", "");
    }

    static OpenImError tokenExpired() {
        return new OpenImError(TOKEN_EXPIRED, "TokenExpiredError", "");
    }

    static OpenImError tokenMalformed() {
        return new OpenImError(TOKEN_MALFORMED, "TokenMalformedError", "");
    }

    static OpenImError tokenUnknown() {
        return new OpenImError(TOKEN_UNKNOWN, "TokenUnknownError", "");
    }

    static OpenImError tokenNotExist() {
        return new OpenImError(TOKEN_NOT_EXIST, "TokenNotExistError", "");
    }

    static OpenImError serverInternal(String detail) {
        return new OpenImError(SERVER_INTERNAL, "ServerInternalError", detail);
    }

    /** A gRPC status as the gateway passes it on: the status's name as errMsg, its message as the detail. */
    static OpenImError grpc(int code, String name, String detail) {
        return new OpenImError(code, name, detail);
    }

    static OpenImError tooManyRequests() {
        return new OpenImError(TOO_MANY_REQUESTS, "TooManyRequests", "");
    }

    /** The answer in OpenIM's envelope, with the given HTTP status (200 for every business error). */
    EmulatorResponse answer(int httpStatus) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errCode", code);
        body.put("errMsg", name);
        body.put("errDlt", detail + ": [" + code + "]" + name);
        return EmulatorResponse.json(httpStatus, code, body);
    }

    EmulatorResponse answer() {
        return answer(200);
    }
}
