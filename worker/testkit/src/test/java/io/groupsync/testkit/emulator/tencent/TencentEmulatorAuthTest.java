package io.groupsync.testkit.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.tencentyun.TLSSigAPIv2;
import io.groupsync.testkit.emulator.ManualEmulatorClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The URL parameters and the UserSig, checked before any command runs; answers always HTTP 200 + envelope. */
class TencentEmulatorAuthTest extends TencentEmulatorTestBase {

    static final String QUERY_BODY = "{\"GroupIdList\":[\"g1\"]}";

    @BeforeEach
    void seed() {
        emulator.seedGroup("g1", GroupType.PUBLIC, "owner");
    }

    @Test
    void acceptsAUserSigIssuedAsTencentsGeneratorDoes() {
        Reply reply = post(TencentEmulator.GET_GROUP_INFO, QUERY_BODY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.actionStatus()).isEqualTo("OK");
        assertThat(reply.code()).isZero();
    }

    @Test
    void acceptsAUserSigFromTencentsOfficialGenerator() {
        // The official generator reads the system clock, so this emulator's clock starts at the system's time.
        ManualEmulatorClock systemNow = new ManualEmulatorClock(System.currentTimeMillis());
        try (TencentEmulator official = new TencentEmulator(APP, ADMIN, KEY, systemNow).start()) {
            official.seedGroup("g1", GroupType.PUBLIC);
            String theirs = new TLSSigAPIv2(APP, KEY).genUserSig(ADMIN, 86_400);
            URI uri = URI.create(official.baseUri() + TencentEmulator.SERVICE_PATH + TencentEmulator.GET_GROUP_INFO
                    + "?" + query(ADMIN, theirs));

            Reply reply = send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(QUERY_BODY))
                    .build());

            assertThat(reply.code()).as(reply.info()).isZero();
        }
    }

    @Test
    void refusesAUserSigWhoseHmacIsWrongByOneByte() {
        String tampered = UserSigCodec.withOneHmacByteFlipped(signer.generate(ADMIN, 86_400));

        Reply reply = postWithQuery(TencentEmulator.GET_GROUP_INFO, query(ADMIN, tampered), QUERY_BODY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.actionStatus()).isEqualTo("FAIL");
        assertThat(reply.code()).isEqualTo(70009);
    }

    @Test
    void refusesAUserSigWithOneCharacterChangedAsUnparsable() {
        char[] sig = signer.generate(ADMIN, 86_400).toCharArray();
        int middle = sig.length / 2;
        sig[middle] = sig[middle] == 'A' ? 'B' : 'A';

        Reply reply = postWithQuery(TencentEmulator.GET_GROUP_INFO, query(ADMIN, new String(sig)), QUERY_BODY);

        assertThat(reply.code()).isEqualTo(70003);
    }

    @Test
    void refusesAUserSigSignedWithAnotherKey() {
        String otherKey = KEY.substring(0, KEY.length() - 1) + "f";
        String sig = new UserSigIssuer(APP, otherKey, clock).generate(ADMIN, 86_400);

        assertThat(postWithQuery(TencentEmulator.GET_GROUP_INFO, query(ADMIN, sig), QUERY_BODY).code())
                .isEqualTo(70009);
    }

    @Test
    void refusesAUserSigOnceTheClockPassesTimePlusExpire() {
        String sig = signer.generate(ADMIN, 60);

        clock.advance(Duration.ofSeconds(60));
        assertThat(postWithQuery(TencentEmulator.GET_GROUP_INFO, query(ADMIN, sig), QUERY_BODY).code())
                .as("now == time + expire is still valid").isZero();

        clock.advance(Duration.ofSeconds(1));
        Reply reply = postWithQuery(TencentEmulator.GET_GROUP_INFO, query(ADMIN, sig), QUERY_BODY);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isEqualTo(70001);
    }

    @Test
    void refusesAUserSigIssuedForAnotherIdentifier() {
        String bobs = signer.generate("bob", 86_400);

        assertThat(postWithQuery(TencentEmulator.GET_GROUP_INFO, query(ADMIN, bobs), QUERY_BODY).code())
                .isEqualTo(70013);
    }

    @Test
    void refusesAUserSigIssuedForAnotherApp() {
        String otherApps = new UserSigIssuer(APP + 1, KEY, clock).generate(ADMIN, 86_400);

        assertThat(postWithQuery(TencentEmulator.GET_GROUP_INFO, query(ADMIN, otherApps), QUERY_BODY).code())
                .isEqualTo(70014);
    }

    @Test
    void refusesAUserSigThatIsNotOneAtAll() {
        assertThat(postWithQuery(TencentEmulator.GET_GROUP_INFO, query(ADMIN, "xxx"), QUERY_BODY).code())
                .isEqualTo(70003);
    }

    @Test
    void refusesAValidUserSigOfAnAccountThatIsNotTheAppAdmin() {
        String bobs = signer.generate("bob", 86_400);

        assertThat(postWithQuery(TencentEmulator.GET_GROUP_INFO, query("bob", bobs), QUERY_BODY).code())
                .isEqualTo(60010);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "identifier=administrator&usersig=SIG&random=1&contenttype=json                      | 60012",
        "sdkappid=&identifier=administrator&usersig=SIG&random=1&contenttype=json            | 60012",
        "sdkappid=1400000002&identifier=administrator&usersig=SIG&random=1&contenttype=json  | 60006",
        "sdkappid=abc&identifier=administrator&usersig=SIG&random=1&contenttype=json         | 60006",
        "sdkappid=1400000001&usersig=SIG&random=1&contenttype=json                           | 60004",
        "sdkappid=1400000001&identifier=administrator&random=1&contenttype=json              | 60004",
        "sdkappid=1400000001&identifier=administrator&usersig=SIG&contenttype=json           | 60002",
        "sdkappid=1400000001&identifier=administrator&usersig=SIG&random=-1&contenttype=json | 60002",
        "sdkappid=1400000001&identifier=administrator&usersig=SIG&random=4294967296&contenttype=json | 60002",
        "sdkappid=1400000001&identifier=administrator&usersig=SIG&random=1&contenttype=xml   | 60002",
        "sdkappid=1400000001&identifier=administrator&usersig=SIG&random=1                   | 60002",
        "sdkappid=1400000001&identifier=administrator&usersig=SIG&random=4294967295&contenttype=json | 0",
    })
    void checksTheUrlParametersWithTencentsCodes(String query, int code) {
        String signed = query.replace("SIG", signer.generate(ADMIN, 86_400));

        Reply reply = postWithQuery(TencentEmulator.GET_GROUP_INFO, signed, QUERY_BODY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).as(reply.info()).isEqualTo(code);
    }

    @Test
    void refusesAGetWith60002() {
        HttpRequest get = request(TencentEmulator.GET_GROUP_INFO, query(ADMIN, signer.generate(ADMIN, 60)))
                .GET().build();

        assertThat(send(get).code()).isEqualTo(60002);
    }

    @Test
    void refusesABodyThatIsNotJsonWith60003() {
        assertThat(post(TencentEmulator.GET_GROUP_INFO, "{\"GroupIdList\":[\"g1\"]").code()).isEqualTo(60003);
        assertThat(post(TencentEmulator.GET_GROUP_INFO, "[\"g1\"]").code()).isEqualTo(60003);
        assertThat(post(TencentEmulator.GET_GROUP_INFO, "").code()).isEqualTo(60003);
    }

    @Test
    void answersAnUnknownCommandWith10003() {
        Reply reply = post("destroy_group", "{\"GroupId\":\"g1\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isEqualTo(10003);
        assertThat(emulator.groups()).containsKey("g1");
    }

    @Test
    void answersAPathOutsideTheGroupServiceWith404() {
        HttpRequest other = HttpRequest.newBuilder(emulator.baseUri().resolve("/v4/openim/sendmsg"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        assertThat(send(other).status()).isEqualTo(404);
    }
}
