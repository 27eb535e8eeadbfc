package io.groupsync.testkit.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tencent's UserSig check as the official verifier (tls-sig-api-v2-golang {@code VerifyUserSig}) performs it:
 * decode the substituted Base64, zlib-inflate, parse the document, then sdkappid → identifier → expiry
 * ({@code now > time + expire}) → userbuf → HMAC. Written apart from the worker's generator on purpose, so a bug
 * in one is not mirrored by the other.
 */
public final class UserSigVerifier {

    public static final int EXPIRED = 70001;
    public static final int UNPARSABLE = 70003;
    public static final int WRONG_KEY = 70009;
    public static final int IDENTIFIER_MISMATCH = 70013;
    public static final int SDKAPPID_MISMATCH = 70014;

    /** A document inflates to a few hundred bytes; anything far larger is not a UserSig. */
    private static final int MAX_DOCUMENT_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long sdkAppId;
    private final byte[] key;

    public UserSigVerifier(long sdkAppId, String secretKey) {
        this.sdkAppId = sdkAppId;
        this.key = secretKey.getBytes(StandardCharsets.UTF_8);
    }

    /** The outcome: code 0 when valid, else Tencent's 700xx code with an ErrorInfo in Tencent's spirit. */
    public record Verdict(int code, String info) {
        public boolean valid() {
            return code == 0;
        }
    }

    public Verdict verify(String identifier, String userSig, long nowEpochSecond) {
        JsonNode doc = decode(userSig);
        if (doc == null || !doc.isObject() || !doc.path("TLS.identifier").isTextual()
                || !doc.path("TLS.sdkappid").canConvertToExactIntegral()
                || !doc.path("TLS.time").canConvertToExactIntegral()
                || !doc.path("TLS.expire").canConvertToExactIntegral()
                || !doc.path("TLS.sig").isTextual()) {
            return new Verdict(UNPARSABLE, "UserSig cannot be parsed: regenerate it with TLSSigAPIv2");
        }
        if (!doc.path("TLS.sdkappid").isIntegralNumber() || doc.get("TLS.sdkappid").asLong() != sdkAppId) {
            return new Verdict(SDKAPPID_MISMATCH, "sdkappid of the UserSig does not match the request's");
        }
        String signedFor = doc.get("TLS.identifier").asText();
        if (!signedFor.equals(identifier)) {
            return new Verdict(IDENTIFIER_MISMATCH, "identifier of the UserSig does not match the request's");
        }
        long time = doc.get("TLS.time").asLong();
        long expire = doc.get("TLS.expire").asLong();
        if (nowEpochSecond > time + expire) {
            return new Verdict(EXPIRED, "UserSig expired at " + (time + expire) + ", now " + nowEpochSecond);
        }
        // Decision: a document with TLS.userbuf is a PrivateMapKey, which the Go verifier refuses as a UserSig
        // ("userbuf type not match"); Tencent publishes no code for it, so it counts as unparsable.
        if (doc.has("TLS.userbuf")) {
            return new Verdict(UNPARSABLE, "a PrivateMapKey (TLS.userbuf) is not a UserSig");
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(doc.get("TLS.sig").asText());
        } catch (IllegalArgumentException e) {
            return new Verdict(UNPARSABLE, "TLS.sig is not Base64");
        }
        String text = "TLS.identifier:" + signedFor + "\n" + "TLS.sdkappid:" + sdkAppId + "\n"
                + "TLS.time:" + time + "\n" + "TLS.expire:" + expire + "\n";
        if (!MessageDigest.isEqual(hmac(text), claimed)) {
            return new Verdict(WRONG_KEY, "UserSig verification failed: was it signed with this app's key?");
        }
        return new Verdict(0, "");
    }

    private static JsonNode decode(String userSig) {
        if (userSig == null || userSig.isEmpty()) {
            return null;
        }
        try {
            byte[] zipped = Base64.getDecoder()
                    .decode(userSig.replace('*', '+').replace('-', '/').replace('_', '='));
            return JSON.readTree(inflate(zipped));
        } catch (IllegalArgumentException | DataFormatException | IOException e) {
            return null;
        }
    }

    private static byte[] inflate(byte[] zipped) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(zipped);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated zlib stream");
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_DOCUMENT_BYTES) {
                    throw new DataFormatException("document too large");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "UserSigVerifier[sdkAppId=" + sdkAppId + ", secretKey=<redacted>]";
    }
}
