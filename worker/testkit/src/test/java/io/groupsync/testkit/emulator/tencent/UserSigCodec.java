package io.groupsync.testkit.emulator.tencent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/** Opens and re-seals UserSig documents so a test can tamper with one field and nothing else. */
final class UserSigCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserSigCodec() {
    }

    static ObjectNode open(String userSig) {
        byte[] zipped = Base64.getDecoder().decode(userSig.replace('*', '+').replace('-', '/').replace('_', '='));
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(zipped))) {
            return (ObjectNode) JSON.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String seal(ObjectNode document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(out)) {
            zlib.write(JSON.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray()).replace('+', '*').replace('/', '-')
                .replace('=', '_');
    }

    /** The same UserSig with one byte of its HMAC (TLS.sig) flipped. */
    static String withOneHmacByteFlipped(String userSig) {
        ObjectNode doc = open(userSig);
        byte[] hmac = Base64.getDecoder().decode(doc.get("TLS.sig").asText());
        hmac[7] ^= 0x01;
        doc.put("TLS.sig", Base64.getEncoder().encodeToString(hmac));
        return seal(doc);
    }
}
