package io.groupsync.testkit.emulator.rongcloud;

import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.APP_KEY;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.APP_SECRET;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.fields;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.form;
import static io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.testkit.emulator.ManualEmulatorClock;
import io.groupsync.testkit.emulator.rongcloud.RongCloudTestClient.Answer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RongCloudAuthTest {

    private final ManualEmulatorClock clock = new ManualEmulatorClock();
    private RongCloudEmulator emulator;
    private RongCloudTestClient client;

    @BeforeEach
    void start() {
        emulator = new RongCloudEmulator(APP_KEY, APP_SECRET, clock).start();
        client = new RongCloudTestClient(emulator, clock);
        emulator.seedGroup("group1", "Group one");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void theDocumentedSampleRequestIsAcceptedAndSetsNameAndIntroduction() throws Exception {
        ManualEmulatorClock sampleTime = new ManualEmulatorClock(1_408_710_653_491L);
        try (RongCloudEmulator sample = new RongCloudEmulator(APP_KEY, APP_SECRET, sampleTime).start()) {
            sample.seedGroup("testGroupId", "Old name");
            Map<String, String> headers = Map.of("App-Key", "uwd1c0sxdlx2", "Nonce", "14314",
                    "Timestamp", "1408710653491", "Signature", sha1Hex(APP_SECRET + "14314" + "1408710653491"));

            Answer answer = new RongCloudTestClient(sample, sampleTime).post(RongCloudEmulator.PROFILE_UPDATE_PATH,
                    "groupId=testGroupId&groupProfile={\"introduction\":\"Group introduction\",\"name\":\"Group name\"}",
                    headers);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json()).isEqualTo(new ObjectMapper().readTree("{\"code\":200}"));
            assertThat(answer.contentType()).startsWith("application/json");
            GroupState group = sample.group("testGroupId");
            assertThat(group.groupProfile()).isEqualTo(
                    new GroupState.GroupProfile("Group name", "Group introduction", null, null));
            assertThat(group.permissions()).isEqualTo(GroupState.Permissions.DEFAULTS);
            assertThat(group.groupExtProfile()).isEmpty();
        }
    }

    @Test
    void aSignatureWrongByOneCharacterIsRefusedWith401And1004() throws Exception {
        Map<String, String> headers = client.signedHeaders();
        String signature = headers.get("Signature");
        char last = signature.charAt(39);
        headers.put("Signature", signature.substring(0, 39) + (last == '0' ? '1' : '0'));

        Answer answer = client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, renameTo("Changed"), headers);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo(1004);
        assertThat(answer.errorMessage()).isNotBlank();
        assertThat(emulator.group("group1").groupProfile().name()).isEqualTo("Group one");
    }

    @Test
    void aSecretWrongByOneByteIsRefused() throws Exception {
        RongCloudTestSigner wrong = new RongCloudTestSigner(APP_KEY, "test-app-secreT", clock);

        Answer answer = client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, renameTo("Changed"), wrong.sign());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo(1004);
    }

    @Test
    void anAppKeyWrongByOneCharacterIsRefused() throws Exception {
        RongCloudTestSigner wrong = new RongCloudTestSigner("uwd1c0sxdlx3", APP_SECRET, clock);

        Answer answer = client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, renameTo("Changed"), wrong.sign());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo(1004);
    }

    @Test
    void theSameDigestInUpperCaseIsRefused() throws Exception {
        Map<String, String> headers = client.signedHeaders();
        headers.put("Signature", headers.get("Signature").toUpperCase(Locale.ROOT));

        assertThat(client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, renameTo("Changed"), headers).code())
                .isEqualTo(1004);
    }

    @ParameterizedTest
    @ValueSource(strings = {"App-Key", "Nonce", "Timestamp", "Signature"})
    void aMissingAuthHeaderIsRefused(String header) throws Exception {
        Map<String, String> headers = client.signedHeaders();
        headers.remove(header);

        Answer answer = client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, renameTo("Changed"), headers);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo(1004);
    }

    @Test
    void aNonceOf18CharactersIsAcceptedAndOf19Refused() throws Exception {
        assertThat(postSignedWith("123456.78901234567", clock.currentTimeMillis()).status()).isEqualTo(200);

        Answer answer = postSignedWith("123456.789012345678", clock.currentTimeMillis());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo(1004);
    }

    @Test
    void timestampsInSecondsAndInMillisecondsAreBothAccepted() throws Exception {
        long nowMillis = clock.currentTimeMillis();

        assertThat(postSignedWith("1", nowMillis / 1000).status()).isEqualTo(200);
        assertThat(postSignedWith("2", nowMillis).status()).isEqualTo(200);
    }

    @Test
    void timestampsUpToFiveMinutesFromTheClockAreAcceptedEitherWay() throws Exception {
        long now = clock.currentTimeMillis();
        long fiveMinutes = Duration.ofMinutes(5).toMillis();

        assertThat(postSignedWith("1", now - fiveMinutes).status()).isEqualTo(200);
        assertThat(postSignedWith("2", now + fiveMinutes).status()).isEqualTo(200);
        assertThat(postSignedWith("3", (now - fiveMinutes) / 1000).status()).isEqualTo(200);
        assertThat(postSignedWith("4", (now + fiveMinutes) / 1000).status()).isEqualTo(200);
    }

    @Test
    void timestampsFurtherFromTheClockAreRefusedInEitherUnit() throws Exception {
        long now = clock.currentTimeMillis();
        long tooFar = Duration.ofMinutes(5).plusSeconds(1).toMillis();

        assertThat(postSignedWith("1", now - tooFar).code()).isEqualTo(1004);
        assertThat(postSignedWith("2", now + tooFar).code()).isEqualTo(1004);
        assertThat(postSignedWith("3", (now - tooFar) / 1000).code()).isEqualTo(1004);
        assertThat(postSignedWith("4", (now + tooFar) / 1000).code()).isEqualTo(1004);
    }

    @Test
    void theToleranceIsSettable() throws Exception {
        long anHourAgo = clock.currentTimeMillis() - Duration.ofHours(1).toMillis();
        assertThat(postSignedWith("1", anHourAgo).code()).isEqualTo(1004);

        emulator.setTimestampTolerance(Duration.ofHours(2));

        assertThat(postSignedWith("2", anHourAgo).code()).isEqualTo(200);
    }

    @Test
    void aTimestampThatIsNotANumberIsRefused() throws Exception {
        Map<String, String> headers = Map.of("App-Key", APP_KEY, "Nonce", "1", "Timestamp", "soon",
                "Signature", RongCloudTestSigner.signature(APP_SECRET, "1", "soon"));

        assertThat(client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, renameTo("Changed"), headers).code())
                .isEqualTo(1004);
    }

    @Test
    void aReplayedRequestIsRefusedButTheSameNonceWithANewTimestampIsNot() throws Exception {
        Map<String, String> headers = client.signedHeaders();
        assertThat(client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, renameTo("First"), headers).status())
                .isEqualTo(200);

        Answer replay = client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, renameTo("Second"), headers);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.code()).isEqualTo(1004);
        assertThat(emulator.group("group1").groupProfile().name()).isEqualTo("First");

        clock.advance(Duration.ofSeconds(1));
        assertThat(postSignedWith(headers.get("Nonce"), clock.currentTimeMillis() / 1000).status()).isEqualTo(200);
    }

    @Test
    void withTheServiceDisabledBothApisAnswer430With1009() throws Exception {
        emulator.seedMember("group1", "u01");
        emulator.setServiceEnabled(false);

        Answer profile = client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, renameTo("Changed"));
        Answer member = client.setMember(fields("groupId", "group1", "userId", "u01", "nickname", "Nick"));

        assertThat(profile.status()).isEqualTo(430);
        assertThat(profile.code()).isEqualTo(1009);
        assertThat(member.status()).isEqualTo(430);
        assertThat(member.code()).isEqualTo(1009);
        assertThat(emulator.group("group1").groupProfile().name()).isEqualTo("Group one");

        emulator.setServiceEnabled(true);
        assertThat(client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, renameTo("Changed")).status()).isEqualTo(200);
    }

    @Test
    void anEmptyBodyAnswers1003() throws Exception {
        Answer answer = client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, "");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(1003);
    }

    @Test
    void aBodyThatIsNotAFormAnswers1002() throws Exception {
        Map<String, String> headers = client.signedHeaders();
        headers.put("Content-Type", "application/json");

        Answer answer = client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, "{\"groupId\":\"group1\"}", headers);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(1002);
    }

    @Test
    void onlyPostIsServedAndUnknownPathsAre404() throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder(client.uri(RongCloudEmulator.PROFILE_UPDATE_PATH)).GET();
        client.signedHeaders().forEach(get::header);

        assertThat(client.send(get.build()).status()).isEqualTo(405);
        assertThat(client.post("/entrust/group/create.json", "groupId=x").status()).isEqualTo(404);
    }

    private String renameTo(String name) {
        return form(fields("groupId", "group1", "groupProfile", json("name", name)));
    }

    private Answer postSignedWith(String nonce, long timestamp) throws Exception {
        String ts = Long.toString(timestamp);
        Map<String, String> headers = Map.of("App-Key", APP_KEY, "Nonce", nonce, "Timestamp", ts,
                "Signature", sha1Hex(APP_SECRET + nonce + ts));
        return client.post(RongCloudEmulator.PROFILE_UPDATE_PATH, renameTo("Renamed " + nonce), headers);
    }

    private static String sha1Hex(String text) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
