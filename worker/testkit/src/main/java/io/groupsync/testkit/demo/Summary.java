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
record Summary(int events, int results, int deadLetters, long duplicates, Map<String, Map<String, Object>> routes,
               boolean converged, double seconds) {

    static Summary of(int events, OutputReader outputs, List<DemoRoute<?>> vendors,
                      Map<String, List<String>> differences, double seconds) {
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
        return new Summary(events, outputs.results(), outputs.deadLetters(), outputs.duplicates(), routes,
                converged, seconds);
    }

    void print(boolean asJson) {
        Demo.say(String.format(Locale.ROOT, "summary: %d events, %d results, %d dead letters, %d duplicates, "
                + "converged=%s, %.1f s", events, results, deadLetters, duplicates, converged, seconds));
        routes.forEach((name, f) -> {
            Demo.say(String.format(Locale.ROOT, "  route %s: %s vendor calls, busiest second %s of limit %s, "
                            + "throttled %s, limitUse %s, converged=%s", name, f.get("vendorCalls"),
                    f.get("busiestSecond"), f.get("limit"), f.get("throttled"), f.get("limitUse"),
                    f.get("converged")));
            Demo.say("    results " + f.get("results") + " " + f.get("statuses") + "; skipped fields "
                    + f.get("skippedFields"));
        });
        if (asJson) {
            System.out.println(toJson());
        }
    }

    String toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("results", results);
        out.put("deadLetters", deadLetters);
        out.put("duplicates", duplicates);
        out.put("routes", routes);
        out.put("converged", converged);
        out.put("seconds", Math.round(seconds * 10) / 10.0);
        try {
            return new ObjectMapper().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and strings always serialises", e);
        }
    }
}
