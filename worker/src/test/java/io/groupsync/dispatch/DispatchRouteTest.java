package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.time.ManualClock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A route's limits, checked when it is wired. */
class DispatchRouteTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void aRouteWithoutALimitForOneOfItsClientsApisIsRefusedAtStartUp() {
        Map<String, ApiLimiter> limiters = Map.of("group", new ApiLimiter("group", 100, clock));
        assertThatThrownBy(() -> new DispatchRoute("r", new FakeVendorClient(), limiters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route r has no rate limit for API member");
    }

    @Test
    void theLimitsKeepTheOrderTheyWereGivenInAndCannotBeChangedAfterwards() {
        Map<String, ApiLimiter> limiters = new LinkedHashMap<>();
        for (String api : new String[] {"mute", "group", "member", "extra"}) {
            limiters.put(api, new ApiLimiter(api, 100, clock));
        }
        DispatchRoute route = new DispatchRoute("r", new FakeVendorClient(), limiters);
        limiters.remove("extra");
        assertThat(route.limiters().keySet()).containsExactly("mute", "group", "member", "extra");
        assertThatThrownBy(() -> route.limiters().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
