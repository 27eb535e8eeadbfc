package io.groupsync.imapi.rongcloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.time.ManualClock;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each golden form, the vendor page's sample first, is what {@code plan} builds for the sample's patch. */
class RongCloudRequestsGoldenTest {

    private static final ManualClock CLOCK = new ManualClock();
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final RongCloudClient CLIENT = new RongCloudClient(HTTP, URI.create("https://api.rong-api.com"),
            URI.create("https://api-b.rong-api.com"), RongCloudTestKit.APP_KEY, RongCloudTestKit.APP_SECRET, CLOCK,
            new Random(1));

    @AfterAll
    static void closeHttp() {
        RongCloudTestKit.shutdown(HTTP);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RongCloudSample.class)
    void planBuildsTheGoldenForm(RongCloudSample sample) {
        long now = CLOCK.currentTimeMillis();

        List<VendorCall> plan = CLIENT.plan(RongCloudSample.GROUP_ID, sample.target, sample.patch(),
                PlanContext.NONE, now);

        assertThat(plan).hasSize(1);
        VendorCall call = plan.get(0);
        assertSameForm(RongCloudSample.decode(call.body()), sample.expectedForm());
        assertThat(call.api()).isEqualTo(CLIENT.firstApi(sample.target, sample.patch()));
        assertThat(call.fields()).isEqualTo(sample.patch().fields(sample.target.kind()));
        assertThat(call.contentType()).isEqualTo("application/x-www-form-urlencoded");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RongCloudSample.class)
    void theRedactedRequestIsThePathAndTheFormAsThePageWritesIt(RongCloudSample sample) {
        VendorCall call = CLIENT.plan(RongCloudSample.GROUP_ID, sample.target, sample.patch(), PlanContext.NONE,
                0).get(0);

        String path = RongCloudRequests.PATHS.get(call.api());
        assertThat(call.redacted()).startsWith("POST " + path + "\n");
        String form = call.redacted().substring(call.redacted().indexOf('\n') + 1);
        assertSameForm(RongCloudSample.unencoded(form), sample.expectedForm());
    }

    private static void assertSameForm(Map<String, String> actual, Map<String, String> expected) {
        assertThat(actual.keySet()).as("form fields in the page's order").containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, value) -> {
            if (RongCloudSample.JSON_FIELDS.contains(name)) {
                assertThat(RongCloudSample.tree(actual.get(name))).as(name).isEqualTo(RongCloudSample.tree(value));
            } else {
                assertThat(actual.get(name)).as(name).isEqualTo(value);
            }
        });
    }
}
