package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.record.DeadLetterHeaders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets, judged on the same run as the bad input ({@link ThreeVendorRun}, real-looking secrets read from files):
 * neither the configured secrets nor the credentials the worker derived from them and sent (UserSigs, OpenIM admin
 * tokens, RongCloud signatures, as the emulators saw them) appear in any log line of the worker process, in any
 * result, or in any dead letter's key, value or headers, failed vendor requests included.
 */
class SecretsProcessTest {

    private static ThreeVendorRun run;

    @BeforeAll
    static void runTheWorker() throws Exception {
        run = ThreeVendorRun.shared();
    }

    @Test
    void theRunSentRealCredentialsAndDeadLetteredAFailedRequestOfEveryVendor() {
        assertThat(run.sentCredentials).containsOnlyKeys("Tencent UserSig", "OpenIM admin token",
                "RongCloud signature");
        assertThat(run.sentCredentials.values()).allSatisfy(values -> assertThat(values).isNotEmpty());
        Map<String, String> failedRequests = new LinkedHashMap<>();
        run.deadLetterRecords.stream().filter(d -> d.headers().lastHeader(DeadLetterHeaders.FAILED_REQUEST) != null)
                .forEach(d -> failedRequests.put(BadInputProcessTest.header(d, DeadLetterHeaders.ROUTE),
                        BadInputProcessTest.header(d, DeadLetterHeaders.FAILED_REQUEST)));
        assertThat(failedRequests).containsKeys(BadInputCorpus.ROUTES.toArray(String[]::new));
        assertThat(failedRequests.get(BadInputCorpus.TENCENT)).contains("usersig=<redacted>");
    }

    @Test
    void noSecretKeyUserSigTokenOrSignatureAppearsInALogLineAResultOrADeadLetter() {
        Map<String, String> haystacks = new LinkedHashMap<>();
        haystacks.put("the worker's log", run.log);
        run.resultRecords.forEach(r -> haystacks.put("result at " + r.offset(), text(r)));
        run.deadLetterRecords.forEach(d -> haystacks.put("dead letter at " + d.offset(), text(d)));
        List<String> found = new ArrayList<>();
        needles().forEach((what, needle) -> haystacks.forEach((where, text) -> {
            if (text.contains(needle)) {
                found.add(what + " in " + where);
            }
        }));
        assertThat(found).isEmpty();
    }

    /** Each secret and credential, as sent and URL-encoded (the UserSig travels in a query string). */
    private static Map<String, String> needles() {
        Map<String, String> needles = new LinkedHashMap<>();
        run.secrets.forEach(needles::put);
        run.sentCredentials.forEach((kind, values) -> values.forEach(value -> {
            needles.put(kind + " " + abbreviate(value), value);
            needles.put(kind + " " + abbreviate(value) + " (URL-encoded)", URLEncoder.encode(value,
                    StandardCharsets.UTF_8));
        }));
        return needles;
    }

    /** Key, value and every header as text; ISO-8859-1 keeps each byte, so an ASCII secret is found in Avro too. */
    private static String text(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder();
        text.append(latin1(record.key())).append('\n').append(latin1(record.value())).append('\n');
        for (Header header : record.headers()) {
            text.append(header.key()).append('=').append(latin1(header.value())).append('\n');
        }
        return text.toString();
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String credential) {
        return credential.substring(0, Math.min(8, credential.length())) + "…";
    }
}
