package io.groupsync.metrics;

import io.groupsync.dispatch.DispatchMetrics;
import io.groupsync.imapi.CallResult;
import io.groupsync.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs failed vendor calls without flooding: the first failure of a kind on a route at once, then at most one line
 * per route and kind each interval, with how many there were and the last of them (its group, event and dispatch in
 * the line and in the MDC, for a JSON layout, with the vendor's id for the request when it gave one). A TLS failure or an outage thus shows in a few lines, not thousands.
 */
final class VendorFailureLog {

    private static final Logger log = LoggerFactory.getLogger(VendorFailureLog.class);
    /** A vendor's message can be long (a stack of causes); the dead letters keep it whole. */
    private static final int MAX_MESSAGE_CHARS = 300;

    private record Key(String route, String kind) {
    }

    /** The failures of one kind on one route since the last line about them. */
    private static final class Window {
        long startNanos;
        int count;
        DispatchMetrics.Answer last;

        Window(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    private final Clock clock;
    private final Duration interval;
    private final Map<Key, Window> windows = new LinkedHashMap<>();

    VendorFailureLog(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** A call failed: logged now if its kind has been quiet on its route for an interval, else counted. */
    synchronized void failed(DispatchMetrics.Answer answer) {
        Key key = new Key(answer.route(), kind(answer.result()));
        long now = clock.nanoTime();
        Window window = windows.get(key);
        if (window == null) {
            windows.put(key, new Window(now));
            write(key, 1, "now, and counts the next for " + interval.toSeconds() + "s", answer);
            return;
        }
        window.count++;
        window.last = answer;
        if (now - window.startNanos >= interval.toNanos()) {
            flush(key, window, now);
        }
    }

    /** Logs the counts of the intervals that have ended; a kind quiet for a whole interval is forgotten. */
    synchronized void flushDue() {
        long now = clock.nanoTime();
        for (Iterator<Map.Entry<Key, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Window> entry = it.next();
            Window window = entry.getValue();
            if (now - window.startNanos < interval.toNanos()) {
                continue;
            }
            if (window.count == 0) {
                it.remove();
            } else {
                flush(entry.getKey(), window, now);
            }
        }
    }

    private void flush(Key key, Window window, long now) {
        write(key, window.count, "in the last " + Duration.ofNanos(now - window.startNanos).toSeconds() + "s",
                window.last);
        window.startNanos = now;
        window.count = 0;
        window.last = null;
    }

    /** What failed, in a word an operator can group by: the outcome and the exception, vendor code or status. */
    static String kind(CallResult result) {
        String outcome = result.outcome().name();
        if (result.failure() != null) {
            return outcome + "/" + result.failure().substring(result.failure().lastIndexOf('.') + 1);
        }
        if (result.vendorCode() != null && result.vendorCode() != 0) {
            return outcome + "/code-" + result.vendorCode();
        }
        return result.httpStatus() != null ? outcome + "/http-" + result.httpStatus() : outcome;
    }

    private static void write(Key key, int count, String when, DispatchMetrics.Answer last) {
        String message = last.result().message() == null ? "" : last.result().message();
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "…";
        }
        Map<String, String> context = new LinkedHashMap<>();
        context.put("route", key.route());
        context.put("failure", key.kind());
        context.put("group", last.groupId());
        context.put("event_id", last.eventId());
        context.put("dispatch_id", last.dispatchId());
        context.put("vendor_request_id", last.result().requestId());
        context.values().removeIf(Objects::isNull);
        context.forEach(MDC::put);
        String request = last.result().requestId() == null ? "" : " request=" + last.result().requestId();
        try {
            log.warn("vendor calls failing: {} {}: route={} api={} kind={}; the last: group={} event={} dispatch={}{} "
                    + "message='{}'", count, when, key.route(), last.api(), key.kind(), last.groupId(),
                    last.eventId(), last.dispatchId(), request, message);
        } finally {
            context.keySet().forEach(MDC::remove);
        }
    }
}
