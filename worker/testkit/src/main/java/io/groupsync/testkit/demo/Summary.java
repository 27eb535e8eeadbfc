package io.groupsync.testkit.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the run shows, for people and for scripts: the totals, and per route what its vendor saw, what its results
 * say and whether it converged. Converged overall means every route did.
 */
record Summary(int events, int results, int deadLetters, Map<String, Integer> deadLettersByReason, long duplicates,
               Map<String, Map<String, Object>> routes, boolean converged, int logWarnings, double seconds) {

    /** The summary's terms, printed once under it. */
    static final List<String> LEGEND = List.of(
            "APPLIED: every field reached the vendor. PARTLY_APPLIED: applied, the fields the vendor lacks skipped "
                    + "(\"skipped fields\", counted per field).",
            "STALE: every field the event set was overwritten by a newer edit of the same group or member before "
                    + "its call, so the newer call carried it (coalescing; nothing was lost).",
            "REJECTED: the vendor would refuse it (a limit, a rule of the group type), so it was not sent; it is "
                    + "also a dead letter. FAILED: the call failed for good; also a dead letter.",
            "busiest second: the most calls one API took in one second. throttled: the vendor's throttling "
                    + "answers. limitUse: calls per second of the busiest API from its first to its last call, over "
                    + "the limit (1.0 = the limit used in full while there was work).",
            "dead letters by reason: UNDECODABLE and INVALID_EVENT records (the poison pills) reach no route, "
                    + "though an INVALID_EVENT that decoded has a REJECTED result per route; REJECTED and FAILED "
                    + "are per route.",
            "log warnings: WARN and ERROR lines in the worker's log (failed vendor calls aside: they are counted "
                    + "above) and ERROR lines in the broker's; a normal run has none.");

    static Summary of(int events, OutputReader outputs, List<DemoRoute<?>> vendors,
                      Map<String, List<String>> differences, int logWarnings, double seconds) {
        Map<String, Map<String, Object>> routes = new LinkedHashMap<>();
        for (DemoRoute<?> vendor : vendors) {
            OutputReader.RouteResults results = outputs.route(vendor.name);
            Map<String, Object> figures = vendor.figures();
            figures.put("results", results.results);
            figures.put("statuses", results.byStatus);
            figures.put("skippedFields", results.skippedFields);
            figures.put("converged", differences.get(vendor.name).isEmpty());
            routes.put(vendor.name, figures);
        }
        boolean converged = differences.values().stream().allMatch(List::isEmpty);
        return new Summary(events, outputs.results(), outputs.deadLetters(), outputs.deadLettersByReason(),
                outputs.duplicates(), routes, converged, logWarnings, seconds);
    }

    void print(boolean asJson) {
        Demo.say(String.format(Locale.ROOT, "summary: %d events, %d results, %d dead letters, %d duplicates, "
                + "converged=%s, log warnings %d, %.1f s", events, results, deadLetters, duplicates, converged,
                logWarnings, seconds));
        Demo.say("  dead letters by reason " + deadLettersByReason);
        routes.forEach((name, f) -> {
            Demo.say(String.format(Locale.ROOT, "  route %s: %s vendor calls, busiest second %s of limit %s, "
                            + "throttled %s, limitUse %s, converged=%s", name, f.get("vendorCalls"),
                    f.get("busiestSecond"), f.get("limit"), f.get("throttled"), f.get("limitUse"),
                    f.get("converged")));
            Demo.say("    results " + f.get("results") + " " + f.get("statuses") + "; skipped fields "
                    + f.get("skippedFields"));
        });
        Demo.say("terms:");
        LEGEND.forEach(line -> Demo.say("  " + line));
        if (asJson) {
            System.out.println(toJson());
        }
    }

    String toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("results", results);
        out.put("deadLetters", deadLetters);
        out.put("deadLettersByReason", deadLettersByReason);
        out.put("duplicates", duplicates);
        out.put("routes", routes);
        out.put("converged", converged);
        out.put("logWarnings", logWarnings);
        out.put("seconds", Math.round(seconds * 10) / 10.0);
        try {
            return new ObjectMapper().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and strings always serialises", e);
        }
    }
}
