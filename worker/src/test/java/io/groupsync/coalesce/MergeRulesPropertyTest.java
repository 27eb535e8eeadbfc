package io.groupsync.coalesce;

import io.groupsync.model.SentPatch;
import io.groupsync.model.FieldFates;
import java.time.Duration;
import io.groupsync.time.ManualClock;
import io.groupsync.versions.AppliedVersions;
import io.groupsync.model.PendingKey;
import io.groupsync.model.CoveredEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.InviteOption;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberRole;
import io.groupsync.event.MsgFlag;
import io.groupsync.event.OpenImPermission;
import io.groupsync.event.RongCloudInviteConsent;
import io.groupsync.event.RongCloudManagerScope;
import io.groupsync.event.RongCloudMemberProfileScope;
import io.groupsync.model.Field;
import io.groupsync.model.MuteDeadline;
import io.groupsync.model.Patch;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import io.groupsync.model.TargetKind;
import io.groupsync.model.PlanContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The merge rules as properties: coalescing changes how many calls a vendor gets, never what it ends up holding.
 * Histories of one target's edits interleaved with its dispatches (sent, answered, failed and retried with the edits
 * that came meanwhile) run through the real {@link Coalescer} and {@link PendingWork}; a model vendor applies each
 * sent patch, as a real one does, mutes as the seconds left at sending.
 */
class MergeRulesPropertyTest {

    private static final TopicPartition PARTITION = new TopicPartition("in", 0);
    private static final List<String> KEYS = List.of("k1", "k2", "k3");
    /** Stands for a null custom-data value; an empty one deletes too. */
    private static final String DELETE = "<null>";
    private static final long[] MUTE_SECONDS = {0, 1, 2, 5, MuteDeadline.FOREVER_SECONDS};

    /** One edit: a choice of value per scalar field, custom data, and how long after the previous step it comes. */
    record Edit(Map<Field, Integer> scalars, Map<String, String> custom, int afterMillis) {
        Patch patch(long nowMillis) {
            Patch patch = Patch.empty();
            scalars.forEach((field, choice) -> patch.set(field, value(field, choice, nowMillis)));
            custom.forEach((key, value) -> patch.putCustom(key, DELETE.equals(value) ? null : value));
            return patch;
        }
    }

    /** The key's turn: a ready key starts a dispatch; one in flight gets its answer, success or a failure. */
    record Turn(boolean succeeds, int afterMillis) {
    }

    record History(TargetKind kind, List<Object> steps) {
    }

    @Property(tries = 400)
    void editsCoalescedInAnyDispatchesWithFailedAndRetriedOnesLeaveTheVendorAsApplyingEachAtOnce(
            @ForAll("histories") History history) {
        Target target = history.kind() == TargetKind.GROUP ? Target.group() : Target.member("u1");
        PendingKey key = new PendingKey("route", "g1", target);
        Coalescer coalescer = new Coalescer(new AppliedVersions(Duration.ofDays(1), new ManualClock()));
        ModelVendor oneByOne = new ModelVendor(history.kind());
        ModelVendor coalesced = new ModelVendor(history.kind());
        MuteDeadline lastMute = null;
        PendingWork work = null;
        Patch sending = null;
        long sentAt = 0;
        long now = 0;
        int offset = 0;
        List<Object> steps = new ArrayList<>(history.steps());
        // Afterwards the key is served until it is idle, every call succeeding: a start and an answer for what is
        // in flight, the same for what waits.
        steps.addAll(java.util.Collections.nCopies(4, new Turn(true, 0)));
        for (Object step : steps) {
            if (step instanceof Edit edit) {
                now += edit.afterMillis();
                Patch patch = edit.patch(now);
                oneByOne.apply(patch, now);
                lastMute = patch.has(Field.MUTE) ? patch.get(Field.MUTE, MuteDeadline.class) : lastMute;
                CoveredEvent event = new CoveredEvent("e" + offset, now, new SourceRecord("in", 0, offset++, now,
                        null, null, new RecordHeaders(), now), patch.fields(history.kind()), Map.of());
                work = coalescer.offer(key, PARTITION, event, coalescer.admit(key, event, patch), PlanContext.NONE)
                        .orElse(work);
            } else if (step instanceof Turn turn && work != null) {
                now += turn.afterMillis();
                if (work.state() == PendingWork.State.READY) {
                    sending = work.startDispatch(coalescer.nextSeq());
                    sentAt = now;
                } else if (turn.succeeds()) {
                    coalesced.apply(sending, sentAt);
                    work.finishDispatch();
                    coalescer.forgetIfIdle(work);
                    work = work.isIdle() ? null : work;
                } else {
                    work.retryLater(0, true);
                    work.retryDue();
                }
            }
        }

        assertThat(work).as("every edit was sent").isNull();
        assertThat(coalesced.values).isEqualTo(oneByOne.values);
        assertThat(coalesced.custom).isEqualTo(oneByOne.custom);
        assertThat(coalesced.muteEnd == null).isEqualTo(oneByOne.muteEnd == null);
        if (lastMute != null) {
            assertThat(oneByOne.endsAsDeadline(lastMute, now)).as("one by one").isTrue();
            assertThat(coalesced.endsAsDeadline(lastMute, now)).as("coalesced").isTrue();
        }
    }

    @Property(tries = 400)
    void anEventIsStaleExactlyWhenLaterEventsOfItsDispatchReplacedEveryValueItSet(
            @ForAll("groupEdits") List<Edit> edits, @ForAll("retrySplit") int split) {
        MergedPatch sending = new MergedPatch();
        MergedPatch next = new MergedPatch();
        List<CoveredEvent> events = new ArrayList<>();
        List<Patch> patches = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            Patch patch = edits.get(i).patch(0);
            CoveredEvent event = new CoveredEvent("e" + i, 0, new SourceRecord("in", 0, i, 0, null, null,
                    new RecordHeaders(), 0), patch.fields(TargetKind.GROUP), Map.of());
            (i < split % (edits.size() + 1) ? sending : next).add(event, patch, new FieldFates(), null);
            events.add(event);
            patches.add(patch);
        }
        // A failed dispatch takes the edits that came while it was in flight: the retry sends both.
        sending.absorb(next);

        Set<CoveredEvent> replaced = new HashSet<>();
        for (int i = 0; i < patches.size(); i++) {
            Set<Object> later = new HashSet<>();
            patches.subList(i + 1, patches.size()).forEach(p -> {
                later.addAll(p.fields(TargetKind.GROUP));
                later.addAll(p.customData().keySet());
            });
            Set<Object> own = new HashSet<>(patches.get(i).fields(TargetKind.GROUP));
            own.remove(Field.CUSTOM_DATA);
            own.addAll(patches.get(i).customData().keySet());
            if (later.containsAll(own)) {
                replaced.add(events.get(i));
            }
        }
        SentPatch sent = sending.sent();
        assertThat(events).filteredOn(sent::superseded).containsExactlyInAnyOrderElementsOf(replaced);
    }

    @Provide
    Arbitrary<History> histories() {
        return Arbitraries.of(TargetKind.class).flatMap(kind -> Arbitraries.frequencyOf(
                        Tuple.of(3, edits(kind).map(edit -> (Object) edit)),
                        Tuple.of(2, Combinators.combine(Arbitraries.of(true, true, false), after()).as(Turn::new)
                                .map(turn -> (Object) turn)))
                .list().ofMaxSize(30).map(steps -> new History(kind, steps)));
    }

    @Provide
    Arbitrary<List<Edit>> groupEdits() {
        return edits(TargetKind.GROUP).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Integer> retrySplit() {
        return Arbitraries.integers().between(0, 8);
    }

    private static Arbitrary<Edit> edits(TargetKind kind) {
        List<Field> scalars = Field.of(kind).stream().filter(f -> !f.isKeyed()).toList();
        Arbitrary<Map<Field, Integer>> values = Arbitraries.maps(Arbitraries.of(scalars),
                Arbitraries.integers().between(0, 4)).ofMaxSize(3);
        Arbitrary<Map<String, String>> custom = Arbitraries.maps(Arbitraries.of(KEYS),
                Arbitraries.of("x", "y", "", DELETE)).ofMaxSize(3);
        return Combinators.combine(values, custom, after()).as(Edit::new)
                .filter(e -> !e.scalars().isEmpty() || !e.custom().isEmpty());
    }

    private static Arbitrary<Integer> after() {
        return Arbitraries.integers().between(0, 3_000);
    }

    /** A small set of values per field, so that edits often set the same value again or undo one another. */
    private static Object value(Field field, int choice, long nowMillis) {
        return switch (field) {
            case MAX_MEMBER_NUM -> 100 + choice;
            case MUTE_ALL -> choice % 2 == 0;
            case JOIN_OPTION -> JoinOption.values()[choice % JoinOption.values().length];
            case INVITE_OPTION -> InviteOption.values()[choice % InviteOption.values().length];
            case ROLE -> MemberRole.values()[choice % 2];
            case MSG_FLAG -> MsgFlag.values()[choice % MsgFlag.values().length];
            case MUTE -> MuteDeadline.of(nowMillis, MUTE_SECONDS[choice]);
            case OPENIM_LOOK_MEMBER_INFO, OPENIM_APPLY_MEMBER_FRIEND -> OpenImPermission.values()[choice % 2];
            case RONGCLOUD_REMOVE_PERM, RONGCLOUD_MEM_INVITE_PERM, RONGCLOUD_PROFILE_PERM ->
                    RongCloudManagerScope.values()[choice % RongCloudManagerScope.values().length];
            case RONGCLOUD_INVITE_PERM -> RongCloudInviteConsent.values()[choice % 2];
            case RONGCLOUD_MEM_PROFILE_PERM ->
                    RongCloudMemberProfileScope.values()[choice % RongCloudMemberProfileScope.values().length];
            default -> List.of("a", "b", "名", "a b", "").get(choice);
        };
    }

    /** What a vendor holds for the target after the calls it was sent, each applied as it arrived. */
    private static final class ModelVendor {
        final TargetKind kind;
        final Map<Field, Object> values = new EnumMap<>(Field.class);
        final Map<String, String> custom = new HashMap<>();
        /** When the mute ends, as the vendor computes it from the seconds sent; MAX_VALUE for ever. */
        Long muteEnd;

        ModelVendor(TargetKind kind) {
            this.kind = kind;
        }

        void apply(Patch patch, long sentAtMillis) {
            for (Field field : patch.fields(kind)) {
                if (field == Field.MUTE) {
                    MuteDeadline deadline = patch.get(Field.MUTE, MuteDeadline.class);
                    long seconds = deadline.remainingSeconds(sentAtMillis);
                    muteEnd = deadline.isForever() ? Long.MAX_VALUE : seconds == 0 ? 0 : sentAtMillis + seconds * 1000;
                } else if (!field.isKeyed()) {
                    values.put(field, patch.get(field, Object.class));
                }
            }
            patch.customData().forEach((k, v) -> {
                if (v == null) {
                    custom.remove(k);
                } else {
                    custom.put(k, v);
                }
            });
        }

        /**
         * The mute ends as the deadline says, give or take the vendor's whole seconds: within a second after it,
         * or not at all when it had passed by the time it was sent (only possible if it has passed by now).
         */
        boolean endsAsDeadline(MuteDeadline deadline, long nowMillis) {
            if (deadline.isForever()) {
                return muteEnd == Long.MAX_VALUE;
            }
            long until = deadline.untilEpochMillis();
            return muteEnd == 0 ? until <= nowMillis : muteEnd >= until && muteEnd < until + 1000;
        }
    }
}
