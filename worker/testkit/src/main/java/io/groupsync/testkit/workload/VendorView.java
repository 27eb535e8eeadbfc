package io.groupsync.testkit.workload;

import io.groupsync.event.GroupChange;
import java.util.List;
import java.util.Set;

/**
 * One vendor as the workload sees it: how its emulator is seeded for an {@link EditStream}, what it receives of each
 * event given its mapping, which canonical fields its results must report skipped, and whether its emulator holds
 * the fold of what it received. Written from the schema and the vendors' pages, not from the clients, so that it
 * checks them.
 *
 * @param <E> the vendor's emulator
 */
public interface VendorView<E> {

    /** Gives the emulator every group and member the stream edits, as they would exist before the first edit. */
    void seed(EditStream stream, E emulator);

    /** What the vendor applies of {@code event}: the event, a copy without what it skips, or null for nothing. */
    GroupChange received(GroupChange event);

    /** Whether the vendor's route rejects {@code event} before any call (a REJECTED result and a dead letter). */
    boolean rejects(GroupChange event);

    /** The canonical names of the fields of {@code event} that its result on this vendor must list as skipped. */
    Set<String> skipped(GroupChange event);

    /**
     * Every difference between what the emulator holds and {@code fold} as this vendor received it; empty when
     * they agree. {@code nowMillis} is when the emulator's state was read, for mutes that have ended.
     */
    List<String> differences(GroupFold fold, E emulator, long nowMillis);
}
