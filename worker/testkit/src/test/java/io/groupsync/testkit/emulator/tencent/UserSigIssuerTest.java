package io.groupsync.testkit.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tencentyun.TLSSigAPIv2;
import io.groupsync.testkit.emulator.ManualEmulatorClock;
import org.junit.jupiter.api.Test;

/** The tests' UserSig issuer writes, for the same second, the document Tencent's official generator writes. */
class UserSigIssuerTest {

    static final long APP = 1400000000L;
    static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

    @Test
    void issuesTheOfficialGeneratorsDocumentForTheSameSecond() {
        ObjectNode theirs = UserSigCodec.open(new TLSSigAPIv2(APP, KEY).genUserSig("xiaojun", 86_400));
        long issuedAt = theirs.get("TLS.time").asLong();

        String ours = new UserSigIssuer(APP, KEY, new ManualEmulatorClock()).issue("xiaojun", issuedAt, 86_400);

        assertThat(UserSigCodec.open(ours)).isEqualTo(theirs);
    }

    @Test
    void generatesAtTheSecondOfItsClock() {
        ManualEmulatorClock clock = new ManualEmulatorClock(1_700_000_000_999L);

        String sig = new UserSigIssuer(APP, KEY, clock).generate("admin", 60);

        assertThat(UserSigCodec.open(sig).get("TLS.time").asLong()).isEqualTo(1_700_000_000L);
    }
}
