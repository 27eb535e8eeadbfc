package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Checks our UserSigs against the published TLSSigAPIv2 algorithm, decoded here independently of the generator. */
class UserSigGeneratorTest {

    static final long APP = 1400000000L;
    static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

    private final ManualClock clock = new ManualClock(1_700_000_123_456L);
    private final UserSigGenerator generator = new UserSigGenerator(APP, KEY, clock);

    @Test
    void documentCarriesTheDocumentedFieldsWithTheClocksSecond() throws Exception {
        JsonNode doc = decode(generator.generate("administrator", 86_400));

        assertThat(doc.get("TLS.ver").asText()).isEqualTo("2.0");
        assertThat(doc.get("TLS.identifier").asText()).isEqualTo("administrator");
        assertThat(doc.get("TLS.sdkappid").isIntegralNumber()).isTrue();
        assertThat(doc.get("TLS.sdkappid").asLong()).isEqualTo(APP);
        assertThat(doc.get("TLS.expire").asLong()).isEqualTo(86_400);
        assertThat(doc.get("TLS.time").asLong()).isEqualTo(1_700_000_123L);
        assertThat(doc.has("TLS.userbuf")).as("a UserSig is not a PrivateMapKey").isFalse();
    }

    @Test
    void signatureIsTheHmacSha256OfThePublishedTextRecomputedWithJavaxCrypto() throws Exception {
        clock.advance(Duration.ofSeconds(77));
        JsonNode doc = decode(generator.generate("administrator", 3_600));

        String text = "TLS.identifier:administrator\nTLS.sdkappid:1400000000\nTLS.time:1700000200\n"
                + "TLS.expire:3600\n";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(doc.get("TLS.sig").asText()).isEqualTo(expected);
    }

    @Test
    void encodingUsesTencentsSubstitutedAlphabetOnly() {
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(generator.generate("admin-" + i, 86_400)).doesNotContain("+", "/", "=")
                    .matches("[A-Za-z0-9*_-]+");
        }
    }

    @Test
    void identifierIsJsonEscapedSoTheDocumentStillParses() throws Exception {
        String odd = "adm\"in\\\u00e9\u4e2d\n";
        JsonNode doc = decode(generator.generate(odd, 60));

        assertThat(doc.get("TLS.identifier").asText()).isEqualTo(odd);
    }

    @Test
    void sameInputsAtTheSameSecondGiveTheSameUserSig() {
        assertThat(generator.generate("admin", 60)).isEqualTo(generator.generate("admin", 60));
        String before = generator.generate("admin", 60);
        clock.advance(Duration.ofSeconds(1));
        assertThat(generator.generate("admin", 60)).isNotEqualTo(before);
    }

    @Test
    void refusesArgumentsTencentWouldNeverAccept() {
        assertThatThrownBy(() -> new UserSigGenerator(0, KEY, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserSigGenerator(APP, "", clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.generate("", 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.generate("admin", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringNeverShowsTheSecretKey() {
        assertThat(generator.toString()).doesNotContain(KEY).contains("1400000000");
    }

    /** The published decoding: undo the substitution, Base64, zlib-inflate, JSON. */
    static JsonNode decode(String userSig) throws DataFormatException, java.io.IOException {
        byte[] zipped = Base64.getDecoder().decode(userSig.replace('*', '+').replace('-', '/').replace('_', '='));
        Inflater inflater = new Inflater();
        inflater.setInput(zipped);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[512];
        while (!inflater.finished()) {
            int n = inflater.inflate(chunk);
            if (n == 0 && inflater.needsInput()) {
                throw new DataFormatException("truncated zlib stream");
            }
            out.write(chunk, 0, n);
        }
        inflater.end();
        return new ObjectMapper().readTree(out.toByteArray());
    }
}
