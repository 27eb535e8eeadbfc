package io.groupsync.imapi.http;

import io.groupsync.imapi.CallClass;
import io.groupsync.imapi.CallResult;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code Retry-After} header (RFC 9110 §10.2.3), read the same way for every vendor: delay-seconds or an
 * HTTP-date, honoured on a throttling answer.
 */
public final class RetryAfter {

    public static final String HEADER = "Retry-After";

    private RetryAfter() {
    }

    /**
     * The wait {@code header} asks for, from {@code nowMillis}. Null when absent or unreadable (negative, a
     * fraction, more seconds than a long holds), so the dispatcher uses its own pause; a date in the past is zero.
     */
    public static Duration parse(String header, long nowMillis) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
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

    /**
     * {@code result} with the wait {@code header} asks for, when it is a throttling answer that names no wait of
     * its own (a vendor's code whose documented wait is fixed keeps it). Any other answer ignores the header.
     */
    public static CallResult onThrottled(CallResult result, String header, long nowMillis) {
        if (result.outcome() != CallClass.THROTTLED || result.retryAfter() != null) {
            return result;
        }
        Duration wait = parse(header, nowMillis);
        return wait == null ? result : result.withRetryAfter(wait);
    }
}
