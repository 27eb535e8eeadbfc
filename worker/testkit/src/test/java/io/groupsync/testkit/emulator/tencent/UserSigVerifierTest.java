package io.groupsync.testkit.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tencentyun.TLSSigAPIv2;
import io.groupsync.testkit.emulator.ManualEmulatorClock;
import org.junit.jupiter.api.Test;

/** The emulator's verifier on its own: the official order of checks, and the official generator's output. */
class UserSigVerifierTest {

    static final long APP = 1400000000L;
    static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

    private final ManualEmulatorClock clock = new ManualEmulatorClock();
    private final long now = clock.currentTimeMillis() / 1000;
    private final UserSigVerifier verifier = new UserSigVerifier(APP, KEY);

    @Test
    void acceptsWhatTencentsOfficialGeneratorIssues() {
        String theirs = new TLSSigAPIv2(APP, KEY).genUserSig("xiaojun", 180L * 86_400);

        assertThat(verifier.verify("xiaojun", theirs, System.currentTimeMillis() / 1000).valid()).isTrue();
    }

    @Test
    void refusesTencentsPrivateMapKeyAsAUserSig() {
        String privateMapKey = new TLSSigAPIv2(APP, KEY).genPrivateMapKey("xiaojun", 86_400, 10_000, 255);

        assertThat(verifier.verify("xiaojun", privateMapKey, System.currentTimeMillis() / 1000).code())
                .isEqualTo(UserSigVerifier.UNPARSABLE);
    }

    @Test
    void checksSdkAppIdBeforeIdentifierBeforeExpiryBeforeHmac() {
        String wrongEverything = new UserSigIssuer(APP + 1, "other-key", clock).generate("bob", 60);
        String wrongIdExpiredWrongKey = new UserSigIssuer(APP, "other-key", clock).generate("bob", 60);
        String expiredWrongKey = new UserSigIssuer(APP, "other-key", clock).generate("admin", 60);
        long later = now + 61;

        assertThat(verifier.verify("admin", wrongEverything, later).code())
                .isEqualTo(UserSigVerifier.SDKAPPID_MISMATCH);
        assertThat(verifier.verify("admin", wrongIdExpiredWrongKey, later).code())
                .isEqualTo(UserSigVerifier.IDENTIFIER_MISMATCH);
        assertThat(verifier.verify("admin", expiredWrongKey, later).code()).isEqualTo(UserSigVerifier.EXPIRED);
        assertThat(verifier.verify("admin", expiredWrongKey, now).code()).isEqualTo(UserSigVerifier.WRONG_KEY);
    }

    @Test
    void expiresOnlyWhenNowIsPastTimePlusExpire() {
        String sig = new UserSigIssuer(APP, KEY, clock).generate("admin", 60);

        assertThat(verifier.verify("admin", sig, now + 60).valid()).isTrue();
        assertThat(verifier.verify("admin", sig, now + 61).code()).isEqualTo(UserSigVerifier.EXPIRED);
    }

    @Test
    void refusesADocumentWithAFieldOfTheWrongTypeAsUnparsable() {
        ObjectNode doc = UserSigCodec.open(new UserSigIssuer(APP, KEY, clock).generate("admin", 60));
        doc.put("TLS.sdkappid", Long.toString(APP));

        assertThat(verifier.verify("admin", UserSigCodec.seal(doc), now).code())
                .isEqualTo(UserSigVerifier.UNPARSABLE);
    }

    @Test
    void refusesAnHmacThatIsNotBase64AsUnparsable() {
        ObjectNode doc = UserSigCodec.open(new UserSigIssuer(APP, KEY, clock).generate("admin", 60));
        doc.put("TLS.sig", "not base64!");

        assertThat(verifier.verify("admin", UserSigCodec.seal(doc), now).code())
                .isEqualTo(UserSigVerifier.UNPARSABLE);
    }

    @Test
    void toStringNeverShowsTheKey() {
        assertThat(verifier.toString()).doesNotContain(KEY);
    }
}
