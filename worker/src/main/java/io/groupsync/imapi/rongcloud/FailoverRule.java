package io.groupsync.imapi.rongcloud;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * When a call that failed on RongCloud's primary domain is sent once more to the backup ({@code api-b}) domain,
 * which RongCloud recommends for when the primary cannot be reached.
 *
 * <p>Decision: it fails over when the primary gave <b>no answer</b> and is not merely slow:
 * <ul>
 *   <li>the request never reached a server: unknown host, connection refused, no route, a connect timeout, a
 *   TLS handshake that failed — whatever the exception, since no request went out;</li>
 *   <li>the connection was closed or reset after the request went out and before any answer began (an
 *   {@link IOException} that is not a timeout). The request may have been applied, but a vendor call sets values,
 *   so sending it again is safe;</li>
 * </ul>
 * and it does not when a timeout struck after the request went out, nor once an answer began. A read timeout
 * means the primary is up and holding the request, probably still working on it: the backup serves the same app
 * from the same backend and quota, so it would not be faster, and two copies of the call would be in flight at
 * once, where the late one could land after a newer edit of the same key and undo it. The pipeline's backoff,
 * which retries later on the primary, is the answer to a slow vendor.
 */
final class FailoverRule {

    private FailoverRule() {
    }

    static boolean failsOver(IOException e, Progress progress) {
        if (!progress.reachedServer) {
            return true;
        }
        return !progress.answerBegan && !(e instanceof InterruptedIOException);
    }

    /**
     * How far one call got, noted by the signing interceptor, which runs once a connection is open, once per
     * request put on the wire (OkHttp's own retries included).
     */
    static final class Progress {

        private final List<String> signatures = new CopyOnWriteArrayList<>();
        private volatile boolean reachedServer;
        private volatile boolean answerBegan;

        /** A request signed with {@code signature} is about to be written to an open connection. */
        void sending(String signature) {
            signatures.add(signature);
            reachedServer = true;
        }

        /** The answer's status line and headers arrived. */
        void answered() {
            answerBegan = true;
        }

        /** Every signature this call carried, so that a message echoing one can be cleaned. */
        List<String> signatures() {
            return signatures;
        }
    }
}
