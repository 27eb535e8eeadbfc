package io.groupsync.imapi.rongcloud;

import io.groupsync.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Signs RongCloud server API calls: {@code Signature} = lowercase hex SHA1(AppSecret + Nonce + Timestamp), sent
 * with {@code App-Key}, {@code Nonce} and {@code Timestamp} on every request. Call {@link #sign()} once per attempt,
 * retries and fail-over to the backup domain included, so that no two requests carry the same nonce.
 *
 * <p>Decision (the vendor is ambiguous): {@code Timestamp} is sent in epoch <b>seconds</b>. The page says
 * milliseconds, but the official Java SDK has always sent seconds, so seconds are what the service is known to
 * accept in production.
 */
public final class RongCloudSigner {

    public static final String APP_KEY = "App-Key";
    public static final String NONCE = "Nonce";
    public static final String TIMESTAMP = "Timestamp";
    public static final String SIGNATURE = "Signature";

    /** The vendor's bound on the nonce (the official SDK's {@code Math.random() * 1000000} fits in it). */
    public static final int MAX_NONCE_LENGTH = 18;

    private static final long NONCE_BOUND = 1_000_000_000_000_000_000L; // 10^18: at most 18 decimal digits

    private final String appKey;
    private final String appSecret;
    private final Clock clock;
    private final Supplier<String> nonces;

    public RongCloudSigner(String appKey, String appSecret, Clock clock, Supplier<String> nonces) {
        this.appKey = requireText(appKey, "appKey");
        this.appSecret = requireText(appSecret, "appSecret");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    /** Nonces are random decimal numbers of up to 18 digits from a {@link SecureRandom}. */
    public static RongCloudSigner withRandomNonces(String appKey, String appSecret, Clock clock) {
        return new RongCloudSigner(appKey, appSecret, clock, randomNonces(new SecureRandom()));
    }

    /**
     * Random decimal nonces of up to 18 digits drawn from {@code random}, which must be thread-safe when the
     * signer is used from several threads ({@link SecureRandom} and {@link java.util.Random} are).
     */
    public static Supplier<String> randomNonces(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return () -> Long.toString(random.nextLong(NONCE_BOUND));
    }

    /** Fresh headers for one request. */
    public Headers sign() {
        String nonce = nonces.get();
        if (nonce == null || nonce.isEmpty() || nonce.length() > MAX_NONCE_LENGTH) {
            throw new IllegalStateException("nonce source gave a nonce outside 1.." + MAX_NONCE_LENGTH
                    + " characters: " + nonce);
        }
        String timestamp = Long.toString(Math.floorDiv(clock.currentTimeMillis(), 1000L));
        return new Headers(appKey, nonce, timestamp, signature(appSecret, nonce, timestamp));
    }

    /** Lowercase hex SHA1 of {@code appSecret + nonce + timestamp} (UTF-8). */
    public static String signature(String appSecret, String nonce, String timestamp) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((appSecret + nonce + timestamp).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-1", e);
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** The four auth headers of one request; holds no secret, so it may be logged. */
    public record Headers(String appKey, String nonce, String timestamp, String signature) {

        /** Header name to value, in the order the vendor's pages list them. */
        public Map<String, String> asMap() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(APP_KEY, appKey);
            headers.put(NONCE, nonce);
            headers.put(TIMESTAMP, timestamp);
            headers.put(SIGNATURE, signature);
            return Collections.unmodifiableMap(headers);
        }
    }
}
