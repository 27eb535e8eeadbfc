package io.groupsync.testkit.emulator.tencent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupsync.testkit.emulator.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues UserSigs as Tencent's official generator does, but at the second of a test's clock: the official one reads
 * the system clock, and these tests need a UserSig issued at a known second to cross its expiry exactly.
 * {@link UserSigIssuerTest} holds it to the official generator, so that the verifier is not checked against itself.
 */
final class UserSigIssuer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long sdkAppId;
    private final String secretKey;
    private final EmulatorClock clock;

    UserSigIssuer(long sdkAppId, String secretKey, EmulatorClock clock) {
        this.sdkAppId = sdkAppId;
        this.secretKey = secretKey;
        this.clock = clock;
    }

    /** A UserSig for {@code identifier}, valid from the clock's second for {@code expireSeconds}. */
    String generate(String identifier, long expireSeconds) {
        return issue(identifier, Math.floorDiv(clock.currentTimeMillis(), 1000L), expireSeconds);
    }

    /** A UserSig issued at {@code time} (epoch seconds). */
    String issue(String identifier, long time, long expireSeconds) {
        String signed = "TLS.identifier:" + identifier + "\n" + "TLS.sdkappid:" + sdkAppId + "\n"
                + "TLS.time:" + time + "\n" + "TLS.expire:" + expireSeconds + "\n";
        ObjectNode doc = JSON.createObjectNode()
                .put("TLS.ver", "2.0")
                .put("TLS.identifier", identifier)
                .put("TLS.sdkappid", sdkAppId)
                .put("TLS.expire", expireSeconds)
                .put("TLS.time", time)
                .put("TLS.sig", Base64.getEncoder().encodeToString(hmacSha256(signed)));
        return UserSigCodec.seal(doc);
    }

    private byte[] hmacSha256(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
