package io.groupsync.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one scenario measured: its sizes, its figures, the targets held against them, the charts it drew and
 * the machine it ran on. Figures are what was measured; a target is a goal to report against, never an assertion.
 */
final class Report {

    /** One goal: {@code figure op bound}, e.g. drain ÷ floor ≤ 1.10. */
    record Target(String figure, double value, String op, double bound) {

        boolean met() {
            return op.equals("<=") ? value <= bound : value >= bound;
        }

        String text() {
            return (op.equals("<=") ? "≤ " : "≥ ") + Bench.number(bound);
        }
    }

    final String scenario;
    final Map<String, Object> sizes = new LinkedHashMap<>();
    final Map<String, Object> figures = new LinkedHashMap<>();
    final List<Target> targets = new ArrayList<>();
    final List<String> charts = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    private final Machine.Load loadBefore = Machine.load();
    private Machine.Load loadAfter;
    private String error;

    Report(String scenario) {
        this.scenario = scenario;
    }

    Report size(String name, Object value) {
        sizes.put(name, value);
        return this;
    }

    Report figure(String name, Object value) {
        figures.put(name, value instanceof Double d ? Bench.round(d) : value);
        return this;
    }

    /** Records the figure and holds it against its target; NaN (not measured) is recorded but not judged. */
    Report target(String name, double value, String op, double bound) {
        figure(name, value);
        if (!Double.isNaN(value)) {
            targets.add(new Target(name, Bench.round(value), op, bound));
        }
        return this;
    }

    Report note(String text) {
        notes.add(text);
        return this;
    }

    Report failed(Throwable e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
        return this;
    }

    Report finish() {
        loadAfter = Machine.load();
        return this;
    }

    /** Whether the scenario ran to its figures (its targets may still be missed). */
    boolean ran() {
        return error == null;
    }

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("machine", Machine.describe(loadBefore, loadAfter));
        out.put("sizes", sizes);
        out.put("figures", figures);
        List<Map<String, Object>> goals = new ArrayList<>();
        for (Target t : targets) {
            Map<String, Object> goal = new LinkedHashMap<>();
            goal.put("figure", t.figure());
            goal.put("value", t.value());
            goal.put("target", t.text());
            goal.put("met", t.met());
            goals.add(goal);
        }
        out.put("targets", goals);
        out.put("charts", charts);
        out.put("notes", notes);
        if (error != null) {
            out.put("error", error);
        }
        return out;
    }

    /** The table rows: every figure, its target where it has one. */
    List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        if (error != null) {
            rows.add(new String[] {scenario, "error", error, "", "MISSED"});
        }
        figures.forEach((name, value) -> {
            Target t = targets.stream().filter(g -> g.figure().equals(name)).findFirst().orElse(null);
            rows.add(new String[] {scenario, name, String.valueOf(value), t == null ? "" : t.text(),
                    t == null ? "" : t.met() ? "met" : "MISSED"});
        });
        return rows;
    }

    static String table(List<Report> reports) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"scenario", "figure", "value", "target", ""});
        reports.forEach(r -> rows.addAll(r.rows()));
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        String last = null;
        for (String[] row : rows) {
            String scenario = row[0].equals(last) ? "" : row[0];
            last = row[0];
            out.append(String.format(Locale.ROOT, "%-" + widths[0] + "s  %-" + widths[1] + "s  %" + widths[2]
                    + "s  %-" + widths[3] + "s  %s", scenario, row[1], row[2], row[3], row[4]).stripTrailing())
                    .append('\n');
        }
        return out.toString();
    }
}
