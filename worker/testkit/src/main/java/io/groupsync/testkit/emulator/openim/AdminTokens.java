package io.groupsync.testkit.emulator.openim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.testkit.emulator.EmulatorClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The admin tokens the emulator issued and how a presented one fares, as in open-im-server v3.8: a token is an
 * HS256 JWT signed with the server secret (claims UserID, PlatformID 10 = admin, exp, nbf, iat), checked first as a
 * JWT (openimsdk/tools {@code tokenverify.GetClaimFromToken}) and then against the server's token store.
 *
 * <ul>
 *   <li>not three dot-separated Base64url JSON parts → 1503 TokenMalformed;</li>
 *   <li>past {@code exp} → 1501 TokenExpired (checked before the signature, as jwt-go v4 reports it first);</li>
 *   <li>signature that does not match → 1505 TokenUnknown. Decision: 1505, not 1502 — {@code GetClaimFromToken}
 *       maps every JWT failure other than malformed / expired / not-yet-valid to TokenUnknown, and no v3.8 code
 *       path we read answers 1502 (TokenInvalid) for a token;</li>
 *   <li>well signed but never issued here → 1507 TokenNotExist, where the version looks admin tokens up in the
 *       store (v3.8.0, v3.8.1, main; from v3.8.2 the signature is enough, see {@link OpenImVersion});</li>
 *   <li>on main only: demoted by a newer admin token and its grace over → 1507 (five minutes by default).</li>
 * </ul>
 * Time is the injected clock: wall time for {@code exp}, monotonic time for the grace.
 */
final class AdminTokens {

    /** OpenIM's {@code constant.AdminPlatformID}. */
    static final int ADMIN_PLATFORM_ID = 10;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final EmulatorClock clock;
    private final String secret;
    private final String adminUserID;
    private final Map<String, Issued> issued = new HashMap<>();
    private Duration grace = Duration.ofMinutes(5);
    private OpenImVersion version = OpenImVersion.V3_8_3;
    private Duration lifetime = Duration.ofDays(90);
    private int count;

    /** What the store knows of one issued token; both fields only ever move once. */
    private static final class Issued {
        long demotedAtNanos = -1;
        boolean expired;
    }

    AdminTokens(EmulatorClock clock, String secret, String adminUserID) {
        this.clock = clock;
        this.secret = secret;
        this.adminUserID = adminUserID;
    }

    synchronized void setGrace(Duration grace) {
        this.grace = grace;
    }

    synchronized void setVersion(OpenImVersion version) {
        this.version = version;
    }

    synchronized void setLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    synchronized int issuedCount() {
        return count;
    }

    /** Every token issued so far, demoted or not. */
    synchronized Set<String> issuedTokens() {
        return Set.copyOf(issued.keySet());
    }

    /** {@code get_admin_token}: checks the secret and user, demotes every live token, returns the new one. */
    synchronized Map<String, Object> issue(String presentedSecret, String userID) {
        if (!secret.equals(presentedSecret)) {
            throw OpenImError.noPermission("secret invalid");
        }
        if (!adminUserID.equals(userID)) {
            throw OpenImError.args("userID is error.");
        }
        long now = clock.nanoTime();
        if (version.demotesOlderAdminTokens()) {
            issued.values().stream().filter(t -> t.demotedAtNanos < 0).forEach(t -> t.demotedAtNanos = now);
        }
        count++;
        long nowSeconds = clock.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("UserID", adminUserID);
        claims.put("PlatformID", ADMIN_PLATFORM_ID);
        claims.put("exp", nowSeconds + lifetime.toSeconds());
        claims.put("nbf", nowSeconds - 300);
        claims.put("iat", nowSeconds);
        // Decision: a jti so that two tokens issued within one second differ (the real server's would be equal).
        claims.put("jti", Integer.toString(count));
        String unsigned = HEADER + "." + B64.encodeToString(bytes(claims));
        String token = unsigned + "." + sign(unsigned);
        issued.put(token, new Issued());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("token", token);
        data.put("expireTimeSeconds", lifetime.toSeconds());
        return data;
    }

    /** Passes for a token the server would take, else throws the code it would answer. */
    synchronized void check(String token) {
        String[] parts = token.split("\\.", -1);
        JsonNode claims;
        try {
            if (parts.length != 3) {
                throw OpenImError.tokenMalformed();
            }
            JSON.readTree(B64_DECODE.decode(parts[0])); // the header must be JSON too
            claims = JSON.readTree(B64_DECODE.decode(parts[1]));
        } catch (IllegalArgumentException | IOException e) {
            throw OpenImError.tokenMalformed();
        }
        if (claims.has("exp") && clock.currentTimeMillis() >= claims.get("exp").asLong() * 1000) {
            throw OpenImError.tokenExpired();
        }
        // The text is compared, not the decoded bytes, so that any changed character is refused.
        if (!sign(parts[0] + "." + parts[1]).equals(parts[2])) {
            throw OpenImError.tokenUnknown();
        }
        Issued known = issued.get(token);
        if (known == null && !version.checksAdminTokensInStore()) {
            return;
        }
        if (known == null) {
            throw OpenImError.tokenNotExist();
        }
        if (known.expired) {
            throw OpenImError.tokenExpired();
        }
        if (known.demotedAtNanos >= 0 && clock.nanoTime() - known.demotedAtNanos >= grace.toNanos()) {
            throw OpenImError.tokenNotExist();
        }
    }

    /** Makes an issued token answer 1501 from now on (the injected expiry fault); unknown tokens are ignored. */
    synchronized void expire(String token) {
        Issued known = issued.get(token);
        if (known != null) {
            known.expired = true;
        }
    }

    private String sign(String unsigned) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
