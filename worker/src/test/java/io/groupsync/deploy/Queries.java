package io.groupsync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the dashboard's panels and the alert rules ask Prometheus for: the metrics each PromQL expression reads, the
 * label matchers on them, and the labels it groups by. A small reader of the PromQL these files use (selectors,
 * functions, aggregations with by/on, ranges, subqueries, arithmetic), not a PromQL parser: no library for one
 * is on Maven Central, and the test only needs names.
 */
final class Queries {

    /** A label matcher: {@code name="value"}, {@code name=~"a|b"}; a value with a Grafana variable is not checked. */
    record LabelMatch(String label, String op, String value) {
    }

    record Query(String source, String expr, Set<String> metrics, Map<String, List<LabelMatch>> matchers,
                 Set<String> groupedBy) {
    }

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern NAME = Pattern.compile("(?<![a-zA-Z0-9_:.$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right");

    private Queries() {
    }

    static Query parse(String source, String expr) {
        Map<String, List<LabelMatch>> matchers = new LinkedHashMap<>();
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            List<LabelMatch> list = matchers.computeIfAbsent(selector.group(1), k -> new ArrayList<>());
            Matcher m = MATCHER.matcher(selector.group(2));
            while (m.find()) {
                list.add(new LabelMatch(m.group(1), m.group(2), m.group(3)));
            }
        }
        String bare = expr.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "");
        Set<String> groupedBy = new LinkedHashSet<>();
        Matcher grouping = GROUPING.matcher(bare);
        while (grouping.find()) {
            for (String label : grouping.group(2).split(",")) {
                if (!label.isBlank()) {
                    groupedBy.add(label.trim());
                }
            }
        }
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> metrics = new LinkedHashSet<>();
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            if (!KEYWORDS.contains(name.group(1))) {
                metrics.add(name.group(1));
            }
        }
        return new Query(source, expr, metrics, matchers, groupedBy);
    }

    /** Every panel's targets and the namespace variable's query, from deploy/grafana/groupsync.json. */
    static List<Query> dashboard() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Manifests.DEPLOY.resolve("grafana/groupsync.json").toFile());
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(parse("panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
                        target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String query = variable.path("query").path("query").asText("");
            Matcher labelValues = Pattern.compile("label_values\\((.*),\\s*\\w+\\)").matcher(query);
            if (labelValues.matches()) {
                queries.add(parse("variable " + variable.path("name").asText(), labelValues.group(1)));
            }
        }
        return queries;
    }

    /** Every alert's expression, from the PrometheusRule. */
    static List<Query> alerts() {
        PrometheusRule rule = Manifests.only(Manifests.BASE.resolve("prometheusrule.yaml"), PrometheusRule.class);
        List<Query> queries = new ArrayList<>();
        rule.getSpec().getGroups().forEach(group -> group.getRules().forEach(r -> queries.add(
                parse("alert " + r.getAlert(), r.getExpr().getStrVal()))));
        return queries;
    }
}
