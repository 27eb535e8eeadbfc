package io.groupsync.dispatch;

import io.groupsync.imapi.CallClass;

/** What the dispatcher reports as it goes, for metrics and the demo's progress line. */
public interface DispatchMetrics {

    DispatchMetrics NONE = new DispatchMetrics() {
        @Override
        public void sent(String route, String api) {
        }

        @Override
        public void answered(String route, String api, CallClass outcome) {
        }
    };

    void sent(String route, String api);

    void answered(String route, String api, CallClass outcome);
}
