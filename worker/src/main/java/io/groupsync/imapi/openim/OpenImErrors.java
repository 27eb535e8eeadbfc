package io.groupsync.imapi.openim;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * What OpenIM's answers mean (VENDORS.md, "OpenIM server"): the HTTP status first, then the envelope's errCode.
 * The code table is the documentation; a code not in it is permanent, so that nothing unknown loops for ever.
 */
final class OpenImErrors {

    /** What the client does with one answer. */
    enum Handling {
        OK,
        TRANSIENT,
        THROTTLED,
        PERMANENT,
        /** The admin token was refused: fetch a new one (shared by all callers) and retry once. */
        REFRESH_TOKEN
    }

    /** The OpenIM codes a v3.8 server answers for our routes, with what to do; unknown codes are permanent. */
    static final Map<Integer, Handling> CODES;

    static {
        Map<Integer, Handling> codes = new HashMap<>();
        codes.put(0, Handling.OK);
        // ServerInternalError, also "rpc request rate limit exceeded" from the gateway's RPC limiter.
        codes.put(500, Handling.TRANSIENT);
        // The adaptive limiter's body code; it normally comes with HTTP 429, which is looked at first.
        codes.put(429, Handling.THROTTLED);
        // ArgsError, NoPermissionError, DuplicateKeyError, RecordNotFoundError.
        for (int code = 1001; code <= 1004; code++) {
            codes.put(code, Handling.PERMANENT);
        }
        // Group errors: not found, group id exists, not in group, dismissed, type not supported, request too late.
        for (int code = 1201; code <= 1206; code++) {
            codes.put(code, Handling.PERMANENT);
        }
        // Expired, invalid, malformed, unknown (bad signature), kicked, not exist (demoted by a newer token).
        // 1503 is not in VENDORS.md's list, but a malformed token can only be fixed by a new one as well.
        // 1504 (not valid yet: clock skew) is left permanent: a new token would be just as early.
        for (int code : new int[] {1501, 1502, 1503, 1505, 1506, 1507}) {
            codes.put(code, Handling.REFRESH_TOKEN);
        }
        CODES = Map.copyOf(codes);
    }

    private OpenImErrors() {
    }

    /** The handling of an HTTP status, or null for 200, where the envelope decides. */
    static Handling ofHttpStatus(int status) {
        if (status == 200) {
            return null;
        }
        if (status == 429) {
            return Handling.THROTTLED;
        }
        return status >= 500 && status <= 599 ? Handling.TRANSIENT : Handling.PERMANENT;
    }

    static Handling ofCode(int errCode) {
        return CODES.getOrDefault(errCode, Handling.PERMANENT);
    }

    /**
     * {@code Retry-After} as a wait from {@code nowMillis}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
     * Null when absent or unreadable, so the dispatcher uses its own pause; a date in the past is zero.
     */
    static Duration retryAfter(String header, long nowMillis) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException tooLong) {
                return null;
            }
        }
        try {
            long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Duration.ofMillis(Math.max(0, at - nowMillis));
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }
}
