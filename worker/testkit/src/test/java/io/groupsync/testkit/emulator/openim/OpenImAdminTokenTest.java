package io.groupsync.testkit.emulator.openim;

import static io.groupsync.testkit.emulator.openim.OpenImEmulator.GET_ADMIN_TOKEN;
import static io.groupsync.testkit.emulator.openim.OpenImEmulator.SET_GROUP_INFO_EX;
import static io.groupsync.testkit.emulator.openim.OpenImHttp.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.testkit.emulator.ManualEmulatorClock;
import io.groupsync.testkit.emulator.openim.OpenImHttp.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenImAdminTokenTest {

    private final ManualEmulatorClock clock = new ManualEmulatorClock();
    private OpenImEmulator openIm;
    private OpenImHttp client;

    @BeforeEach
    void start() {
        openIm = new OpenImEmulator(clock, SECRET).start().seedGroup("g1");
        client = new OpenImHttp(openIm.baseUri());
    }

    @AfterEach
    void stop() {
        openIm.close();
    }

    @Test
    void issuesAJwtAdminTokenValidForNinetyDaysForTheRightSecret() throws Exception {
        Reply reply = client.post(GET_ADMIN_TOKEN, null, Map.of("secret", SECRET, "userID", "imAdmin"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.errCode()).isZero();
        assertThat(reply.body().path("errMsg").asText()).isEmpty();
        assertThat(reply.body().path("data").path("token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(reply.body().path("data").path("expireTimeSeconds").asLong()).isEqualTo(90L * 24 * 3600);
        assertThat(openIm.issuedTokenCount()).isEqualTo(1);
    }

    @Test
    void refusesASecretWrongByOneByteWith1002AndIssuesNothing() throws Exception {
        String wrong = SECRET.substring(0, SECRET.length() - 1) + "4";

        Reply reply = client.post(GET_ADMIN_TOKEN, null, Map.of("secret", wrong, "userID", "imAdmin"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.errCode()).isEqualTo(1002);
        assertThat(reply.body().path("errMsg").asText()).isEqualTo("NoPermissionError");
        assertThat(openIm.issuedTokenCount()).isZero();
    }

    @Test
    void refusesAUserIdThatIsNotTheAdminWith1001() throws Exception {
        Reply reply = client.post(GET_ADMIN_TOKEN, null, Map.of("secret", SECRET, "userID", "someone"));

        assertThat(reply.errCode()).isEqualTo(1001);
    }

    @Test
    void acceptsTheAdminUserIdItWasConstructedWith() throws Exception {
        try (OpenImEmulator other = new OpenImEmulator(clock, SECRET, "opsAdmin").start()) {
            Reply reply = new OpenImHttp(other.baseUri())
                    .post(GET_ADMIN_TOKEN, null, Map.of("secret", SECRET, "userID", "opsAdmin"));

            assertThat(reply.errCode()).isZero();
        }
    }

    @Test
    void refusesEveryRouteWithoutOperationIdWith1001() throws Exception {
        String token = client.adminToken();

        Reply tokenCall = client.send(GET_ADMIN_TOKEN, Map.of(), "{\"secret\":\"" + SECRET + "\",\"userID\":\"imAdmin\"}");
        Reply groupCall = client.send(SET_GROUP_INFO_EX, Map.of("token", token), "{\"groupID\":\"g1\",\"ex\":\"x\"}");

        assertThat(tokenCall.errCode()).isEqualTo(1001);
        assertThat(groupCall.errCode()).isEqualTo(1001);
        assertThat(openIm.group("g1").orElseThrow().ex()).isEmpty();
    }

    @Test
    void refusesAGroupCallWithoutTokenWith1001() throws Exception {
        Reply reply = client.post(SET_GROUP_INFO_EX, null, Map.of("groupID", "g1", "ex", "x"));

        assertThat(reply.errCode()).isEqualTo(1001);
        assertThat(openIm.group("g1").orElseThrow().ex()).isEmpty();
    }

    @Test
    void refusesATokenWrongByOneByteWith1505() throws Exception {
        String token = client.adminToken();
        int at = token.length() - 10;
        String wrong = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

        Reply reply = client.post(SET_GROUP_INFO_EX, wrong, Map.of("groupID", "g1", "ex", "x"));

        assertThat(reply.errCode()).isEqualTo(1505);
        assertThat(reply.body().path("errMsg").asText()).isEqualTo("TokenUnknownError");
        assertThat(openIm.group("g1").orElseThrow().ex()).isEmpty();
    }

    @Test
    void refusesATokenThatIsNotAJwtWith1503() throws Exception {
        Reply reply = client.post(SET_GROUP_INFO_EX, "not-a-token", Map.of("groupID", "g1"));

        assertThat(reply.errCode()).isEqualTo(1503);
    }

    @Test
    void refusesAWellSignedTokenThisServerNeverIssuedWith1507WhereTheStoreIsAsked() throws Exception {
        openIm.setVersion(OpenImVersion.V3_8_1);
        String foreign;
        try (OpenImEmulator other = new OpenImEmulator(clock, SECRET).start()) {
            foreign = new OpenImHttp(other.baseUri()).adminToken();
        }

        Reply reply = client.post(SET_GROUP_INFO_EX, foreign, Map.of("groupID", "g1"));

        assertThat(reply.errCode()).isEqualTo(1507);
    }

    @Test
    void fromV382AWellSignedAdminTokenIsTakenOnItsSignatureAlone() throws Exception {
        String foreign;
        try (OpenImEmulator other = new OpenImEmulator(clock, SECRET).start()) {
            foreign = new OpenImHttp(other.baseUri()).adminToken();
        }

        assertThat(client.post(SET_GROUP_INFO_EX, foreign, Map.of("groupID", "g1")).errCode()).isZero();
    }

    @Test
    void noReleaseDemotesAnOlderAdminTokenWhenANewOneIsIssued() throws Exception {
        for (OpenImVersion release : new OpenImVersion[] {OpenImVersion.V3_8_1, OpenImVersion.V3_8_3}) {
            openIm.setVersion(release);
            String old = client.adminToken();
            client.adminToken();

            clock.advance(Duration.ofHours(1));

            assertThat(client.post(SET_GROUP_INFO_EX, old, Map.of("groupID", "g1")).errCode()).as(release.name())
                    .isZero();
        }
    }

    @Test
    void onMainANewTokenDemotesTheOldOneWhichWorksWithinTheGraceAndGets1507After() throws Exception {
        openIm.setVersion(OpenImVersion.MAIN);
        String old = client.adminToken();
        String fresh = client.adminToken();
        assertThat(fresh).isNotEqualTo(old);

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(client.post(SET_GROUP_INFO_EX, old, Map.of("groupID", "g1", "ex", "in grace")).errCode())
                .isZero();

        clock.advance(Duration.ofMillis(1));
        Reply afterGrace = client.post(SET_GROUP_INFO_EX, old, Map.of("groupID", "g1", "ex", "too late"));
        assertThat(afterGrace.errCode()).isEqualTo(1507);
        assertThat(afterGrace.body().path("errMsg").asText()).isEqualTo("TokenNotExistError");
        assertThat(client.post(SET_GROUP_INFO_EX, fresh, Map.of("groupID", "g1")).errCode()).isZero();
        assertThat(openIm.group("g1").orElseThrow().ex()).isEqualTo("in grace");
        assertThat(openIm.issuedTokenCount()).isEqualTo(2);
    }

    @Test
    void theGraceCanBeShortened() throws Exception {
        openIm.setVersion(OpenImVersion.MAIN);
        openIm.setTokenGrace(Duration.ofSeconds(2));
        String old = client.adminToken();
        client.adminToken();

        clock.advance(Duration.ofSeconds(2));

        assertThat(client.post(SET_GROUP_INFO_EX, old, Map.of("groupID", "g1")).errCode()).isEqualTo(1507);
    }

    @Test
    void aTokenPastItsExpiryGets1501() throws Exception {
        openIm.setTokenLifetime(Duration.ofHours(1));
        String token = client.adminToken();

        clock.advance(Duration.ofMinutes(59));
        assertThat(client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1")).errCode()).isZero();

        clock.advance(Duration.ofMinutes(1));
        Reply expired = client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1"));
        assertThat(expired.errCode()).isEqualTo(1501);
        assertThat(expired.body().path("errMsg").asText()).isEqualTo("TokenExpiredError");
    }

    @Test
    void recordsTheOperationIdOfEveryRequestSoATestCanCheckTheyAreUnique() throws Exception {
        String token = client.adminToken();
        client.post(SET_GROUP_INFO_EX, token, Map.of("groupID", "g1"));
        client.send(SET_GROUP_INFO_EX, Map.of("token", token, "operationID", "op-1"), "{\"groupID\":\"g1\"}");

        assertThat(openIm.operationIDs()).containsExactly("op-1", "op-2", "op-1");
    }
}
