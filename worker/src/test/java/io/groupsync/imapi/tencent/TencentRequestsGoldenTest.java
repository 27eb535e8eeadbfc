package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.time.ManualClock;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each sample request of Tencent's two seed pages is exactly what {@code plan} builds for the matching patch. */
class TencentRequestsGoldenTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ManualClock CLOCK = new ManualClock();
    static final OkHttpClient HTTP = new OkHttpClient();
    static final TencentClient CLIENT = new TencentClient(HTTP, URI.create("https://console.tim.qq.com"),
            TencentTestKit.APP, TencentTestKit.ADMIN, TencentTestKit.KEY, TencentTestKit.TTL, CLOCK, new Random(1));

    @AfterAll
    static void closeHttp() {
        TencentTestKit.shutdown(HTTP);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SeedSample.class)
    void planBuildsThePagesSampleBody(SeedSample sample) throws Exception {
        long now = CLOCK.currentTimeMillis();

        List<VendorCall> plan = CLIENT.plan(sample.groupId, sample.target, sample.patch(now), PlanContext.NONE, now);

        assertThat(plan).hasSize(1);
        VendorCall call = plan.get(0);
        JsonNode expected = sample.expectedBody();
        JsonNode actual = JSON.readTree(call.body());
        assertThat(actual).isEqualTo(expected);
        assertThat(fieldNames(actual)).as("Tencent's own field order").isEqualTo(fieldNames(expected));
        assertThat(call.api()).isEqualTo(sample.api());
        assertThat(CLIENT.firstApi(sample.target, sample.patch(now))).isEqualTo(sample.api());
        assertThat(call.fields()).isEqualTo(sample.patch(now).fields(sample.target.kind()));
        assertThat(call.contentType()).isEqualTo("application/json");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
