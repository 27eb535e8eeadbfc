package io.groupsync.imapi.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Which failures go to the backup domain, by how far the call got; the cases HTTP tests cannot stage cheaply. */
class FailoverRuleTest {

    @Test
    void anythingThatStruckBeforeARequestWentOutFailsOver() {
        for (IOException e : new IOException[] {new UnknownHostException("api.rong-api.com"),
                new ConnectException("Connection refused"), new SocketTimeoutException("Connect timed out"),
                new SSLHandshakeException("handshake failed")}) {
            assertThat(FailoverRule.failsOver(e, new FailoverRule.Progress())).as(e.toString()).isTrue();
        }
    }

    @Test
    void aConnectionClosedOrResetAfterTheRequestAndBeforeAnAnswerFailsOver() {
        FailoverRule.Progress sent = sent();

        assertThat(FailoverRule.failsOver(new IOException("unexpected end of stream", new EOFException()), sent))
                .isTrue();
        assertThat(FailoverRule.failsOver(new SocketException("Connection reset"), sent)).isTrue();
    }

    @Test
    void aTimeoutAfterTheRequestWentOutStaysOnThePrimary() {
        assertThat(FailoverRule.failsOver(new SocketTimeoutException("Read timed out"), sent())).isFalse();
        assertThat(FailoverRule.failsOver(new InterruptedIOException("timeout"), sent())).isFalse();
    }

    @Test
    void aFailureOnceTheAnswerBeganStaysOnThePrimary() {
        FailoverRule.Progress answered = sent();
        answered.answered();

        assertThat(FailoverRule.failsOver(new SocketException("Connection reset"), answered)).isFalse();
    }

    @Test
    void everySignatureOfTheCallIsRemembered() {
        FailoverRule.Progress progress = new FailoverRule.Progress();
        progress.sending("sig-1");
        progress.sending("sig-2");

        assertThat(progress.signatures()).containsExactly("sig-1", "sig-2");
    }

    private static FailoverRule.Progress sent() {
        FailoverRule.Progress progress = new FailoverRule.Progress();
        progress.sending("0123456789abcdef0123456789abcdef01234567");
        return progress;
    }
}
