package io.groupsync.dispatch;

import io.groupsync.event.Vendor;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.vendor.CallResult;
import io.groupsync.vendor.PlanContext;
import io.groupsync.vendor.VendorCall;
import io.groupsync.vendor.VendorClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A vendor whose answers the test gives by hand. Group patches go to API "group" (and, when they mute everyone, on
 * to a second call to API "mute", as OpenIM needs); member patches to API "member", except a mute alone, which goes
 * to API "mute" though {@link #firstApi} says "member", as Tencent sends an AVChatRoom mute as forbid_send_msg.
 */
final class FakeVendorClient implements VendorClient {

    record Sent(VendorCall call, CompletableFuture<CallResult> answer) {
    }

    final List<Sent> sent = new ArrayList<>();

    @Override
    public Vendor vendor() {
        return Vendor.TENCENT;
    }

    @Override
    public List<String> apis() {
        return List.of("group", "member", "mute");
    }

    @Override
    public Map<Field, String> unsupported(Target target, Patch patch) {
        return Map.of();
    }

    @Override
    public List<String> violations(Edit edit, Patch supported) {
        return List.of();
    }

    @Override
    public String firstApi(Target target, Patch patch) {
        return target.memberId() != null ? "member" : "group";
    }

    @Override
    public List<VendorCall> plan(String groupId, Target target, Patch patch, PlanContext context, long nowMillis) {
        String body = groupId + "/" + target + ":" + patch;
        if (patch.fields(target.kind()).equals(java.util.Set.of(Field.MUTE))) {
            return List.of(new VendorCall("mute", java.util.Set.of(Field.MUTE), body.getBytes(StandardCharsets.UTF_8),
                    body, "text/plain"));
        }
        VendorCall first = new VendorCall(firstApi(target, patch), patch.fields(target.kind()),
                body.getBytes(StandardCharsets.UTF_8), body, "text/plain");
        if (patch.has(Field.MUTE_ALL)) {
            return List.of(first, new VendorCall("mute", java.util.Set.of(Field.MUTE_ALL), new byte[0], "mute " + groupId,
                    "text/plain"));
        }
        return List.of(first);
    }

    /** Member calls travel three to a request, as OpenIM's set_group_member_info takes many members. */
    @Override
    public int maxBatch(VendorCall call) {
        return call.api().equals("member") ? 3 : 1;
    }

    @Override
    public VendorCall batch(List<VendorCall> calls) {
        String body = String.join(" + ", calls.stream().map(VendorCall::redacted).toList());
        return new VendorCall(calls.get(0).api(), java.util.Set.of(), body.getBytes(StandardCharsets.UTF_8), body,
                "text/plain");
    }

    @Override
    public CompletableFuture<CallResult> send(VendorCall call) {
        CompletableFuture<CallResult> answer = new CompletableFuture<>();
        sent.add(new Sent(call, answer));
        return answer;
    }

    @Override
    public void close() {
    }
}
