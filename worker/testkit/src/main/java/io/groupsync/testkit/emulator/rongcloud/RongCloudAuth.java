package io.groupsync.testkit.emulator.rongcloud;

import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.EmulatorRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * RongCloud's request signature check, written apart from the worker's signer so that each checks the other.
 * Every refusal is HTTP 401 with code 1004: a wrong or unknown App-Key, a missing header, a nonce over 18
 * characters, a timestamp that is not a number or is too far from the clock, a wrong signature, a replay.
 *
 * <p>Decisions where the vendor is silent:
 * <ul>
 *   <li>Timestamp unit: a value below 10^11 is seconds (10^11 s is the year 5138), anything else milliseconds
 *   (10^11 ms is 1973), so both the page's milliseconds and the official SDK's seconds are read right.</li>
 *   <li>Clock skew: accepted while the timestamp is within the tolerance (default 5 minutes, settable) of the
 *   injected clock, either way, compared in the unit it was sent in. The client must therefore sign with the
 *   same clock the emulator runs on (share one manual clock), or widen the tolerance.</li>
 *   <li>Replay: a request whose Nonce and Timestamp were already accepted is refused while its timestamp is
 *   still within the tolerance (after that the timestamp check refuses it anyway). A signed request is a bearer
 *   token, which is what a nonce is for; a client must sign every attempt afresh. Calls spoiled by an injected
 *   fault or refused by the frequency limit never reach this check, so they do not use up their nonce.</li>
 *   <li>The signature must be lowercase hex, as the page says; the same digest in upper case is refused.</li>
 *   <li>Unknown App-Key: 1004 as well. The status table also lists 1001 (App Key and Secret do not match), but a
 *   server cannot tell a wrong secret from a wrong signature, so 1004 is what a client can expect.</li>
 * </ul>
 */
final class RongCloudAuth {

    static final int MAX_NONCE = 18;
    private static final long SECONDS_BELOW = 100_000_000_000L;

    private final String appKey;
    private final String appSecret;
    private final EmulatorClock clock;
    private final Set<String> used = new HashSet<>();
    private final PriorityQueue<Used> byExpiry = new PriorityQueue<>();
    private Duration tolerance = Duration.ofMinutes(5);

    RongCloudAuth(String appKey, String appSecret, EmulatorClock clock) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.clock = clock;
    }

    synchronized void setTolerance(Duration tolerance) {
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative: " + tolerance);
        }
        this.tolerance = tolerance;
    }

    synchronized void verify(EmulatorRequest request) {
        String key = request.header("App-Key");
        String nonce = request.header("Nonce");
        String timestamp = request.header("Timestamp");
        String signature = request.header("Signature");
        if (key == null || nonce == null || timestamp == null || signature == null) {
            throw RongCloudRejection.badSignature("App-Key, Nonce, Timestamp and Signature headers are required");
        }
        if (!MessageDigest.isEqual(bytes(key), bytes(appKey))) {
            throw RongCloudRejection.badSignature("unknown App-Key " + key);
        }
        if (nonce.isEmpty() || nonce.length() > MAX_NONCE) {
            throw RongCloudRejection.badSignature("Nonce must be 1.." + MAX_NONCE + " characters");
        }
        long sentMillis = sentMillis(timestamp);
        if (!MessageDigest.isEqual(bytes(signature), bytes(sha1Hex(appSecret + nonce + timestamp)))) {
            throw RongCloudRejection.badSignature("signature error: check App Key and Secret");
        }
        long now = clock.currentTimeMillis();
        forgetExpired(now);
        if (!used.add(nonce + '\n' + timestamp)) {
            throw RongCloudRejection.badSignature("Nonce " + nonce + " with this Timestamp was already used");
        }
        byExpiry.add(new Used(sentMillis + tolerance.toMillis(), nonce + '\n' + timestamp));
    }

    /** The send time in epoch milliseconds, if the timestamp is a number within the tolerance of the clock. */
    private long sentMillis(String timestamp) {
        long value;
        try {
            value = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw RongCloudRejection.badSignature("Timestamp is not a number: " + timestamp);
        }
        if (value < 0) {
            throw RongCloudRejection.badSignature("Timestamp is negative: " + timestamp);
        }
        boolean seconds = value < SECONDS_BELOW;
        long now = clock.currentTimeMillis();
        long skew = seconds
                ? Math.abs(Math.floorDiv(now, 1000L) - value) * 1000L
                : Math.abs(now - value);
        if (skew > tolerance.toMillis()) {
            throw RongCloudRejection.badSignature("Timestamp " + timestamp + " is " + skew
                    + " ms away from the server clock; at most " + tolerance.toMillis() + " ms accepted");
        }
        return seconds ? value * 1000L : value;
    }

    private void forgetExpired(long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAt() < now) {
            used.remove(byExpiry.poll().key());
        }
    }

    private static String sha1Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(bytes(text));
            StringBuilder hex = new StringBuilder(40);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-1", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private record Used(long expiresAt, String key) implements Comparable<Used> {
        @Override
        public int compareTo(Used other) {
            return Long.compare(expiresAt, other.expiresAt);
        }
    }
}
