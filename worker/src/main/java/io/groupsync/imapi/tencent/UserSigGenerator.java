package io.groupsync.imapi.tencent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.groupsync.time.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.DeflaterOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues Tencent Cloud Chat UserSigs (TLSSigAPIv2) for the app admin that signs REST calls.
 *
 * <p>The algorithm, as in Tencent's official generators: HMAC-SHA256, keyed with the UTF-8 secret key, over
 * {@code TLS.identifier:<id>\nTLS.sdkappid:<appid>\nTLS.time:<now>\nTLS.expire:<validity>\n}; a JSON document
 * carrying those fields and the standard-Base64 HMAC as {@code TLS.sig}; zlib-deflated; Base64 with
 * {@code + / =} replaced by {@code * - _}.
 *
 * <p>The document is written with Jackson's streaming generator rather than concatenated by hand: the fields
 * are fixed, but the identifier is caller data and must be JSON-escaped. Jackson is already on the worker's
 * classpath; Tencent's own generator needs org.json, which we keep out of the runtime.
 *
 * <p>Thread-safe; the time comes from the injected {@link Clock} so tests can issue a UserSig at a known second.
 */
public final class UserSigGenerator {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String HMAC = "HmacSHA256";

    private final long sdkAppId;
    private final SecretKeySpec key;
    private final Clock clock;

    public UserSigGenerator(long sdkAppId, String secretKey, Clock clock) {
        if (sdkAppId <= 0) {
            throw new IllegalArgumentException("sdkAppId must be positive: " + sdkAppId);
        }
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("secretKey must not be empty");
        }
        this.sdkAppId = sdkAppId;
        this.key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), HMAC);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A UserSig for {@code identifier}, valid from now (the clock's second) for {@code expireSeconds}. */
    public String generate(String identifier, long expireSeconds) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("identifier must not be empty");
        }
        if (expireSeconds <= 0) {
            throw new IllegalArgumentException("expireSeconds must be positive: " + expireSeconds);
        }
        long now = Math.floorDiv(clock.currentTimeMillis(), 1000L);
        String sig = Base64.getEncoder().encodeToString(hmac(signedText(identifier, sdkAppId, now, expireSeconds)));
        byte[] document = document(identifier, now, expireSeconds, sig);
        String encoded = Base64.getEncoder().encodeToString(deflate(document));
        return encoded.replace('+', '*').replace('/', '-').replace('=', '_');
    }

    /** The text the HMAC covers, exactly as Tencent's verifier rebuilds it (no userbuf: that is a PrivateMapKey). */
    static String signedText(String identifier, long sdkAppId, long time, long expire) {
        return "TLS.identifier:" + identifier + "\n"
                + "TLS.sdkappid:" + sdkAppId + "\n"
                + "TLS.time:" + time + "\n"
                + "TLS.expire:" + expire + "\n";
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance(HMAC); // a Mac is stateful: one per call keeps the generator thread-safe
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] document(String identifier, long time, long expire, String sig) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("TLS.ver", "2.0");
            json.writeStringField("TLS.identifier", identifier);
            json.writeNumberField("TLS.sdkappid", sdkAppId);
            json.writeNumberField("TLS.expire", expire);
            json.writeNumberField("TLS.time", time);
            json.writeStringField("TLS.sig", sig);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(out)) {
            zlib.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Never shows the key: generators end up in logged configuration objects. */
    @Override
    public String toString() {
        return "UserSigGenerator[sdkAppId=" + sdkAppId + ", secretKey=<redacted>]";
    }
}
