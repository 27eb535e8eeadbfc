package io.groupsync.dispatch;

import io.groupsync.coalesce.Coalescer;
import io.groupsync.coalesce.PendingWork;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.VendorClient;
import io.groupsync.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the tickets of one API's queue into one request for one token: as many as the vendor's {@link
 * VendorClient#maxBatch} allows of calls it {@link VendorClient#batchesWith batches together}, a key that must
 * travel alone on its own. Plans a key's dispatch only when it is taken, so a mute carries the seconds left then.
 */
final class BatchAssembler {

    /** Told of a key whose request the client could not build; the key is then the caller's to settle. */
    @FunctionalInterface
    interface PlanFailure {
        void unplannable(PendingWork work, String api, RuntimeException failure);
    }

    /** A ticket taken for sending; {@code started} if taking it started the key's dispatch. */
    private record Taken(Completion.Part part, boolean started) {
    }

    private final VendorClient client;
    private final DispatchQueues queues;
    private final Coalescer coalescer;
    private final Clock clock;
    private final PlanFailure planFailure;

    BatchAssembler(VendorClient client, DispatchQueues queues, Coalescer coalescer, Clock clock,
                   PlanFailure planFailure) {
        this.client = client;
        this.queues = queues;
        this.coalescer = coalescer;
        this.clock = clock;
        this.planFailure = planFailure;
    }

    /** Whether a ticket is ready to go at the head of the API's queue. */
    boolean hasNext(String api) {
        return head(api) != null;
    }

    /**
     * The parts of one request to the API, for a token already reserved; empty if the ticket the token was for
     * went elsewhere (its plan starts at another API, or could not be made) and the token is spent.
     */
    List<Completion.Part> assemble(String api) {
        Taken taken = take(api);
        if (taken == null) {
            return List.of();
        }
        Completion.Part first = taken.part();
        List<Completion.Part> parts = new ArrayList<>(List.of(first));
        int max = first.work().isSolo() ? 1 : client.maxBatch(first.call());
        while (parts.size() < max) {
            Ticket head = head(api);
            if (head == null || head.work().isSolo()) {
                break;
            }
            Taken next = take(api);
            if (next == null || client.maxBatch(next.part().call()) <= 1
                    || !client.batchesWith(first.call(), next.part().call())) {
                if (next != null) {
                    // Not for this batch: it waits for a token of its own, first in line, and is planned afresh
                    // then, so a mute in it carries the seconds left at that time.
                    putBack(api, next);
                }
                break;
            }
            parts.add(next.part());
        }
        return parts;
    }

    /**
     * The queue's first ticket that may go, after moving, unplanned, those that would start at another API: edits
     * merged since they were queued made that API go first.
     */
    private Ticket head(String api) {
        for (Ticket ticket = queues.head(api); ticket != null; ticket = queues.head(api)) {
            if (!ticket.starts()) {
                return ticket;
            }
            String first = client.firstApi(ticket.work().key().target(), ticket.work().waitingPatch());
            if (first.equals(api)) {
                return ticket;
            }
            queues.poll(api);
            queues.add(first, ticket);
        }
        return null;
    }

    /**
     * Takes the first ticket of the queue and plans it if it starts a dispatch. Null if it could not be planned, or
     * if the plan's first API is another after all (a mute ended between firstApi and the plan, and is now an
     * unmute): it then waits in that API's queue.
     */
    private Taken take(String api) {
        Ticket ticket = queues.poll(api);
        List<VendorCall> plan;
        try {
            plan = ticket.starts() ? start(ticket.work()) : ticket.plan();
        } catch (RuntimeException e) {
            planFailure.unplannable(ticket.work(), api, e);
            return null;
        }
        long seq = ticket.starts() ? ticket.work().dispatchSeq() : ticket.dispatchSeq();
        if (!plan.get(0).api().equals(api)) {
            queues.add(plan.get(0).api(), new Ticket(ticket.work(), ticket.priority(), seq, plan));
            return null;
        }
        return new Taken(new Completion.Part(ticket.work(), seq, plan.get(0), plan.subList(1, plan.size())),
                ticket.starts());
    }

    private List<VendorCall> start(PendingWork work) {
        var patch = work.startDispatch(coalescer.nextSeq());
        return client.plan(work.key().groupId(), work.key().target(), patch, work.context(),
                clock.currentTimeMillis());
    }

    /** Puts a taken ticket back at the head of the queue, a dispatch it started taken back as never started. */
    private void putBack(String api, Taken taken) {
        Completion.Part part = taken.part();
        PendingWork work = part.work();
        if (taken.started()) {
            work.unstartDispatch();
            queues.add(api, Ticket.start(work));
        } else {
            List<VendorCall> plan = new ArrayList<>();
            plan.add(part.call());
            plan.addAll(part.remaining());
            queues.add(api, Ticket.next(work, part.dispatchSeq(), plan));
        }
    }
}
