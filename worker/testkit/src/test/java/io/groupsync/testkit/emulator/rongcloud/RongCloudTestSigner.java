package io.groupsync.testkit.emulator.rongcloud;

import io.groupsync.testkit.emulator.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs a call as RongCloud documents it: {@code Signature} = lowercase hex SHA1(AppSecret + Nonce + Timestamp), the
 * timestamp in epoch seconds as the official SDK sends it, a fresh random nonce of up to 18 digits each time. Written
 * apart from the emulator's check, so that a mistake in one is not mirrored by the other.
 */
final class RongCloudTestSigner {

    private static final long NONCE_BOUND = 1_000_000_000_000_000_000L; // 10^18: at most 18 decimal digits

    private final String appKey;
    private final String appSecret;
    private final EmulatorClock clock;
    private final SecureRandom random = new SecureRandom();

    RongCloudTestSigner(String appKey, String appSecret, EmulatorClock clock) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.clock = clock;
    }

    /** The four headers of one request, in the order the vendor's pages list them. */
    Map<String, String> sign() {
        String nonce = Long.toString(random.nextLong(NONCE_BOUND));
        String timestamp = Long.toString(Math.floorDiv(clock.currentTimeMillis(), 1000L));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("App-Key", appKey);
        headers.put("Nonce", nonce);
        headers.put("Timestamp", timestamp);
        headers.put("Signature", signature(appSecret, nonce, timestamp));
        return headers;
    }

    static String signature(String appSecret, String nonce, String timestamp) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest((appSecret + nonce + timestamp).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-1", e);
        }
    }
}
