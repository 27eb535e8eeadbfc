package io.groupsync.dispatch;

import io.groupsync.event.Vendor;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import io.groupsync.imapi.CallResult;
import io.groupsync.model.PlanContext;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.VendorClient;
import io.groupsync.imapi.WireGate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A vendor whose answers the test gives by hand. Group patches go to API "group" (and, when they mute everyone, on
 * to a second call to API "mute", as OpenIM needs); member patches to API "member", except that a member's mute
 * goes first to API "mute", carrying the seconds that remain when it is planned (as OpenIM's does). A "viewer"
 * member's mute alone goes to "mute" though {@link #firstApi} says "member", as Tencent sends an AVChatRoom mute
 * as forbid_send_msg. Member calls travel three to a request, as OpenIM's set_group_member_info takes many, unless they
 * change a role. A
 * group named "boom" is a mapping bug: planning it throws.
 */
final class FakeVendorClient implements VendorClient {

    record Sent(VendorCall call, WireGate gate, CompletableFuture<CallResult> answer) {
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
        if (target.memberId() == null) {
            return "group";
        }
        return patch.has(Field.MUTE) && !target.memberId().startsWith("viewer") ? "mute" : "member";
    }

    @Override
    public List<VendorCall> plan(String groupId, Target target, Patch patch, PlanContext context, long nowMillis) {
        if (groupId.equals("boom")) {
            throw new IllegalStateException("a mapping bug");
        }
        if (target.memberId() != null && patch.has(Field.MUTE)) {
            String mute = "mute " + groupId + "/" + target + " for "
                    + patch.get(Field.MUTE, MuteDeadline.class).remainingSeconds(nowMillis) + " s";
            List<VendorCall> calls = new ArrayList<>(List.of(new VendorCall("mute", java.util.Set.of(Field.MUTE),
                    new byte[0], mute, "text/plain")));
            Patch rest = patch.copy().without(Field.MUTE);
            if (!rest.isEmpty()) {
                calls.addAll(plan(groupId, target, rest, context, nowMillis));
            }
            return calls;
        }
        String body = groupId + "/" + target + ":" + patch;
        VendorCall first = new VendorCall(firstApi(target, patch), patch.fields(target.kind()),
                body.getBytes(StandardCharsets.UTF_8), body, "text/plain");
        if (patch.has(Field.MUTE_ALL)) {
            return List.of(first, new VendorCall("mute", java.util.Set.of(Field.MUTE_ALL), new byte[0], "mute " + groupId,
                    "text/plain"));
        }
        return List.of(first);
    }

    @Override
    public int maxBatch(VendorCall call) {
        return call.api().equals("member") && !call.fields().contains(Field.ROLE) ? 3 : 1;
    }

    @Override
    public VendorCall batch(List<VendorCall> calls) {
        String body = String.join(" + ", calls.stream().map(VendorCall::redacted).toList());
        return new VendorCall(calls.get(0).api(), java.util.Set.of(), body.getBytes(StandardCharsets.UTF_8), body,
                "text/plain");
    }

    @Override
    public CompletableFuture<CallResult> send(VendorCall call, WireGate gate) {
        CompletableFuture<CallResult> answer = new CompletableFuture<>();
        sent.add(new Sent(call, gate, answer));
        return answer;
    }

    @Override
    public void close() {
    }
}
