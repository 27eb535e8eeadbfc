package io.groupsync.testkit.emulator.tencent;

import io.groupsync.testkit.emulator.EmulatorResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tencent's envelope: always HTTP 200, {@code ActionStatus} OK or FAIL, {@code ErrorCode}, {@code ErrorInfo}. */
final class TencentAnswer {

    private TencentAnswer() {
    }

    static EmulatorResponse ok() {
        return ok(Map.of());
    }

    /** Success with command-specific fields after the envelope (e.g. get_group_info's {@code GroupInfo}). */
    static EmulatorResponse ok(Map<String, Object> extra) {
        Map<String, Object> body = envelope("OK", 0, "");
        body.putAll(extra);
        return EmulatorResponse.json(200, 0, body);
    }

    static EmulatorResponse fail(int code, String info) {
        return EmulatorResponse.json(200, code, envelope("FAIL", code, info));
    }

    static EmulatorResponse fail(TencentError error) {
        return fail(error.code(), error.info());
    }

    private static Map<String, Object> envelope(String status, int code, String info) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ActionStatus", status);
        body.put("ErrorCode", code);
        body.put("ErrorInfo", info);
        return body;
    }
}
