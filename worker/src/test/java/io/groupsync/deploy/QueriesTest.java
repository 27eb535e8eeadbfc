package io.groupsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PromQL reader finds the metrics, matchers and grouping labels, and takes no function or keyword for a metric. */
class QueriesTest {

    @Test
    void metricsMatchersAndGroupingLabelsAreToldApartFromFunctionsKeywordsRangesAndStrings() {
        Queries.Query q = Queries.parse("t", """
                histogram_quantile(0.99, sum by (le, route) (rate(groupsync_vendor_duration_seconds_bucket{\
                job="groupsync", namespace="$namespace", outcome=~"A|B"}[$__rate_interval])))
                and on (pod) deriv(sum(kafka_consumer_fetch_manager_records_lag)[15m:1m]) > 0 * 60
                """);

        assertThat(q.metrics()).containsExactly("groupsync_vendor_duration_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag");
        assertThat(q.groupedBy()).containsExactly("le", "route", "pod");
        assertThat(q.matchers().get("groupsync_vendor_duration_seconds_bucket")).containsExactly(
                new Queries.LabelMatch("job", "=", "groupsync"),
                new Queries.LabelMatch("namespace", "=", "$namespace"),
                new Queries.LabelMatch("outcome", "=~", "A|B"));
    }

    @Test
    void everyPanelAndAlertReadsAtLeastOneMetric() throws Exception {
        List<Queries.Query> all = new ArrayList<>(Queries.dashboard());
        all.addAll(Queries.alerts());
        assertThat(all).allSatisfy(q -> assertThat(q.metrics()).as(q.source()).isNotEmpty());
        assertThat(Queries.alerts()).extracting(Queries.Query::source).containsExactly("alert GroupsyncLagGrowing",
                "alert GroupsyncDeadLetters", "alert GroupsyncVendorThrottling", "alert GroupsyncCommitFailures",
                "alert GroupsyncNotReady", "alert GroupsyncNoCommit");
    }
}
