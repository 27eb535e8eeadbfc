package io.groupsync.imapi.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RongCloudSignerTest {

    /** The vendor page's sample request; its secret is not published, so only its shape can be checked. */
    private static final String SAMPLE_APP_KEY = "uwd1c0sxdlx2";
    private static final String SAMPLE_NONCE = "14314";
    private static final String SAMPLE_TIMESTAMP = "1408710653491";
    private static final String SAMPLE_SIGNATURE = "45beb7cc7307889a8e711219a47b7cf6a5b000e8";

    private static final String SIGNATURE_FORMAT = "[0-9a-f]{40}";

    @Test
    void signatureIsLowercaseHexSha1OfSecretNonceAndTimestamp() throws Exception {
        String expected = hexSha1Independently("testSecret" + "14314" + "1408710653");

        assertThat(RongCloudSigner.signature("testSecret", "14314", "1408710653")).isEqualTo(expected);
    }

    @Test
    void signsWithTheInjectedClockInSecondsAndTheGivenNonce() throws Exception {
        ManualClock clock = new ManualClock(1_408_710_653_491L);
        RongCloudSigner signer = new RongCloudSigner(SAMPLE_APP_KEY, "testSecret", clock, () -> SAMPLE_NONCE);

        RongCloudSigner.Headers headers = signer.sign();

        assertThat(headers.appKey()).isEqualTo(SAMPLE_APP_KEY);
        assertThat(headers.nonce()).isEqualTo(SAMPLE_NONCE);
        assertThat(headers.timestamp()).isEqualTo("1408710653");
        assertThat(headers.signature()).isEqualTo(hexSha1Independently("testSecret" + SAMPLE_NONCE + "1408710653"));
    }

    @Test
    void headersFollowTheShapeOfTheDocumentedSampleRequest() {
        assertThat(SAMPLE_SIGNATURE).matches(SIGNATURE_FORMAT);
        assertThat(SAMPLE_NONCE.length()).isLessThanOrEqualTo(RongCloudSigner.MAX_NONCE_LENGTH);

        RongCloudSigner.Headers headers = RongCloudSigner
                .withRandomNonces(SAMPLE_APP_KEY, "testSecret", new ManualClock(1_408_710_653_491L)).sign();

        assertThat(headers.asMap()).containsOnlyKeys("App-Key", "Nonce", "Timestamp", "Signature");
        assertThat(headers.asMap().keySet()).containsExactly("App-Key", "Nonce", "Timestamp", "Signature");
        assertThat(headers.nonce()).matches("[0-9]{1,18}");
        assertThat(headers.timestamp()).matches("[0-9]+");
        assertThat(headers.signature()).matches(SIGNATURE_FORMAT);
    }

    @Test
    void randomNoncesDoNotRepeatAcrossCallsWithinOneSecond() {
        RongCloudSigner signer = RongCloudSigner.withRandomNonces("key", "secret", new ManualClock());
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            nonces.add(signer.sign().nonce());
        }
        assertThat(nonces).hasSize(1000);
    }

    @Test
    void timestampFollowsTheClock() {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        RongCloudSigner signer = RongCloudSigner.withRandomNonces("key", "secret", clock);
        String before = signer.sign().timestamp();

        clock.advance(Duration.ofSeconds(90));

        assertThat(Long.parseLong(signer.sign().timestamp()) - Long.parseLong(before)).isEqualTo(90);
    }

    @Test
    void refusesANonceLongerThanTheVendorAccepts() {
        RongCloudSigner signer = new RongCloudSigner("key", "secret", new ManualClock(), () -> "1234567890123456789");

        assertThatThrownBy(signer::sign).isInstanceOf(IllegalStateException.class).hasMessageContaining("18");
    }

    @Test
    void refusesBlankCredentials() {
        assertThatThrownBy(() -> RongCloudSigner.withRandomNonces(" ", "secret", new ManualClock()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appKey");
        assertThatThrownBy(() -> RongCloudSigner.withRandomNonces("key", "", new ManualClock()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appSecret");
    }

    @Test
    void headersNeverCarryTheSecret() {
        RongCloudSigner.Headers headers = RongCloudSigner
                .withRandomNonces("key", "s3cr3t-value", new ManualClock()).sign();

        assertThat(headers.toString()).doesNotContain("s3cr3t-value");
        assertThat(headers.asMap().values()).noneMatch(v -> v.contains("s3cr3t-value"));
    }

    private static String hexSha1Independently(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }
}
