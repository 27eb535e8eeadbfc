package io.groupsync.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.coalesce.PendingWork;
import io.groupsync.event.MemberRole;
import io.groupsync.imapi.VendorCall;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tickets of one API taken into one request within the vendor's batching rules. */
class BatchAssemblerTest extends RouteDispatcherFixture {

    private final DispatchQueues queues = new DispatchQueues("r", List.of("group", "member", "mute"), hold());
    private final List<String> unplannable = new ArrayList<>();
    private final BatchAssembler assembler = new BatchAssembler(vendor, queues, coalescer, clock,
            (work, api, failure) -> unplannable.add(work.key().groupId() + " at " + api + ": "
                    + failure.getMessage()));

    @Test
    void callsOfSeveralKeysGoInOneRequestUpToTheVendorsMaxBatchInFirstDirtyOrder() {
        for (int m = 1; m <= 5; m++) {
            queue("member", member("g" + m, "u" + m, Patch.empty().set(Field.NAME_CARD, "n" + m)));
        }
        assertThat(redacted(assembler.assemble("member"))).containsExactly("g1/member:u1:Patch{NAME_CARD=n1}",
                "g2/member:u2:Patch{NAME_CARD=n2}", "g3/member:u3:Patch{NAME_CARD=n3}");
        assertThat(redacted(assembler.assemble("member"))).containsExactly("g4/member:u4:Patch{NAME_CARD=n4}",
                "g5/member:u5:Patch{NAME_CARD=n5}");
        assertThat(assembler.hasNext("member")).isFalse();
    }

    @Test
    void aKeyThatMustTravelAloneGoesAloneAndEndsTheBatchBeforeIt() {
        queue("member", member("g1", "u1", Patch.empty().set(Field.NAME_CARD, "one")));
        PendingWork solo = member("g1", "u2", Patch.empty().set(Field.NAME_CARD, "two"));
        solo.markSolo();
        queue("member", solo);
        queue("member", member("g1", "u3", Patch.empty().set(Field.NAME_CARD, "three")));
        assertThat(redacted(assembler.assemble("member"))).containsExactly("g1/member:u1:Patch{NAME_CARD=one}");
        assertThat(redacted(assembler.assemble("member"))).containsExactly("g1/member:u2:Patch{NAME_CARD=two}");
        assertThat(redacted(assembler.assemble("member"))).containsExactly("g1/member:u3:Patch{NAME_CARD=three}");
    }

    @Test
    void aTicketThatDoesNotFitIsPutBackFirstInLineAsNeverStarted() {
        queue("member", member("g1", "u1", Patch.empty().set(Field.NAME_CARD, "one")));
        PendingWork admin = member("g1", "u2", Patch.empty().set(Field.ROLE, MemberRole.ADMIN));
        queue("member", admin);
        queue("member", member("g1", "u3", Patch.empty().set(Field.NAME_CARD, "three")));
        assertThat(redacted(assembler.assemble("member"))).as("a role change travels alone")
                .containsExactly("g1/member:u1:Patch{NAME_CARD=one}");
        assertThat(admin.state()).isEqualTo(PendingWork.State.READY);
        assertThat(queues.head("member")).isEqualTo(Ticket.start(admin));
    }

    @Test
    void aKeyWhoseEditsNowStartAtAnotherApiMovesToThatQueueUnplanned() {
        PendingWork work = member("g1", "u1", Patch.empty().set(Field.MUTE, MuteDeadline.of(now(), 60)));
        queue("member", work);
        assertThat(assembler.hasNext("member")).isFalse();
        assertThat(queues.head("mute")).isEqualTo(Ticket.start(work));
    }

    @Test
    void aPlanThatStartsAtAnotherApiAfterAllWaitsThereAndTheTokenIsSpent() {
        PendingWork viewer = member("g1", "viewer1", Patch.empty().set(Field.MUTE, MuteDeadline.FOREVER));
        queue("member", viewer);
        assertThat(assembler.assemble("member")).isEmpty();
        Ticket planned = queues.head("mute");
        assertThat(planned.work()).isSameAs(viewer);
        assertThat(planned.dispatchSeq()).isEqualTo(viewer.dispatchSeq());
        assertThat(planned.plan()).extracting(VendorCall::api).containsExactly("mute");
    }

    @Test
    void aKeyThatCannotBePlannedIsHandedOverAndTheTokenIsSpent() {
        queue("group", edit(P0, "boom", Target.group(), Patch.empty().set(Field.NAME, "a")).orElseThrow());
        assertThat(assembler.assemble("group")).isEmpty();
        assertThat(unplannable).containsExactly("boom at group: a mapping bug");
    }

    @Test
    void theNextCallOfADispatchUnderwayIsSentAsPlannedWithTheRestStillToGo() {
        PendingWork work = edit(P0, "g1", Target.group(), Patch.empty().set(Field.NAME, "a")).orElseThrow();
        work.startDispatch(coalescer.nextSeq());
        VendorCall mute = new VendorCall("mute", Set.of(Field.MUTE_ALL), new byte[0], "mute g1", "text/plain");
        VendorCall after = new VendorCall("group", Set.of(Field.NAME), new byte[0], "after", "text/plain");
        queues.add("mute", Ticket.next(work, work.dispatchSeq(), List.of(mute, after)));
        assertThat(assembler.assemble("mute")).containsExactly(
                new Completion.Part(work, work.dispatchSeq(), mute, List.of(after)));
    }

    private PendingWork member(String group, String member, Patch patch) {
        return edit(P0, group, Target.member(member), patch).orElseThrow();
    }

    private void queue(String api, PendingWork work) {
        queues.add(api, Ticket.start(work));
    }

    private static List<String> redacted(List<Completion.Part> parts) {
        return parts.stream().map(p -> p.call().redacted()).toList();
    }
}
