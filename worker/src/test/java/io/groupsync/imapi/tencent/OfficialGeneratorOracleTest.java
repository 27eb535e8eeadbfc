package io.groupsync.imapi.tencent;

import static io.groupsync.imapi.tencent.UserSigGeneratorTest.APP;
import static io.groupsync.imapi.tencent.UserSigGeneratorTest.KEY;
import static io.groupsync.imapi.tencent.UserSigGeneratorTest.decode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentyun.TLSSigAPIv2;
import io.groupsync.time.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * Tencent's official Java generator ({@code com.github.tencentyun:tls-sig-api-v2:2.0}, test scope) as the oracle.
 * It reads the system clock and has no verifier, so the comparison is by decoded document: we issue ours at the
 * second theirs was issued and expect every field, the HMAC included, to be the same.
 */
class OfficialGeneratorOracleTest {

    @Test
    void ourDocumentEqualsTheOfficialOneIssuedAtTheSameSecond() throws Exception {
        for (String identifier : new String[] {"administrator", "admin_01", "\u7ba1\u7406\u5458"}) {
            JsonNode theirs = decode(new TLSSigAPIv2(APP, KEY).genUserSig(identifier, 180L * 86_400));
            ManualClock sameSecond = new ManualClock(theirs.get("TLS.time").asLong() * 1000);

            JsonNode ours = decode(new UserSigGenerator(APP, KEY, sameSecond).generate(identifier, 180L * 86_400));

            assertThat(ours).as("identifier %s", identifier).isEqualTo(theirs);
        }
    }
}
