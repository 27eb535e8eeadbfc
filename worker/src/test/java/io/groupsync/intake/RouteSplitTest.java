package io.groupsync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.event.GroupType;
import io.groupsync.event.Vendor;
import io.groupsync.imapi.CallResult;
import io.groupsync.imapi.VendorCall;
import io.groupsync.imapi.VendorClient;
import io.groupsync.imapi.WireGate;
import io.groupsync.model.CoveredEvent;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.PendingKey;
import io.groupsync.model.PlanContext;
import io.groupsync.model.ReplayHeaders;
import io.groupsync.model.SourceRecord;
import io.groupsync.model.Target;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each route makes of one edit: one row per mix of routes, with vendors that take, skip, refuse or fail. */
class RouteSplitTest {

    private static final SourceRecord SOURCE = new SourceRecord("in", 0, 7, 1L, null, new byte[] {1},
            new RecordHeaders(), 2L);
    private static final Target GROUP = Target.group();
    private static final Patch PATCH = Patch.empty().set(Field.NAME, "n").set(Field.INTRODUCTION, "i");
    private static final PlanContext CONTEXT = new PlanContext(GroupType.WORK, "admin");

    /** Each route's fake vendor, in the worker's order. */
    private static final Map<String, VendorClient> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put("all", new FakeClient(Set.of(), List.of(), null));
        ROUTES.put("noIntro", new FakeClient(Set.of(Field.INTRODUCTION), List.of(), null));
        ROUTES.put("none", new FakeClient(Set.of(Field.NAME, Field.INTRODUCTION), List.of(), null));
        ROUTES.put("strict", new FakeClient(Set.of(), List.of("name too short", "no introductions"), null));
        ROUTES.put("broken", new FakeClient(Set.of(), List.of(), new IllegalStateException("boom")));
    }

    private static final RouteDecision ALL = new RouteDecision.Offer(new PendingKey("all", "g1", GROUP),
            event(EnumSet.of(Field.NAME, Field.INTRODUCTION), Map.of()), PATCH, CONTEXT);
    private static final RouteDecision NO_INTRO = new RouteDecision.Offer(new PendingKey("noIntro", "g1", GROUP),
            event(EnumSet.of(Field.NAME), Map.of(Field.INTRODUCTION, "not offered")),
            Patch.empty().set(Field.NAME, "n"), CONTEXT);
    private static final RouteDecision NONE = new RouteDecision.NothingToSend("none",
            event(EnumSet.noneOf(Field.class), Map.of(Field.NAME, "not offered", Field.INTRODUCTION, "not offered")));
    private static final RouteDecision STRICT = new RouteDecision.Rejected("strict",
            event(EnumSet.of(Field.NAME, Field.INTRODUCTION), Map.of()), "name too short; no introductions");
    private static final RouteDecision BROKEN = new RouteDecision.Rejected("broken",
            event(EnumSet.of(Field.NAME, Field.INTRODUCTION), Map.of()),
            "internal error checking the event: java.lang.IllegalStateException: boom");

    private final RouteSplit split = new RouteSplit(ROUTES);

    static Stream<Arguments> routeMixes() {
        return Stream.of(
                row("naming no route goes to every route, in the worker's order", null,
                        List.of(ALL, NO_INTRO, NONE, STRICT, BROKEN)),
                row("a vendor that offers every field gets them all", List.of("all"), List.of(ALL)),
                row("a vendor's skipped fields are left out of its patch and recorded on the event",
                        List.of("noIntro"), List.of(NO_INTRO)),
                row("a vendor that skips every field has nothing to send", List.of("none"), List.of(NONE)),
                row("a vendor's violations reject the edit, all of them in the reason", List.of("strict"),
                        List.of(STRICT)),
                row("a vendor failing on the edit rejects it with the failure", List.of("broken"), List.of(BROKEN)),
                row("a route the worker does not have is a dead letter", List.of("elsewhere"),
                        List.of(new RouteDecision.UnknownRoute("elsewhere"))),
                row("unknown routes come first, then the known ones in the edit's order",
                        List.of("strict", "elsewhere", "all", "nowhere"),
                        List.of(new RouteDecision.UnknownRoute("elsewhere"), new RouteDecision.UnknownRoute("nowhere"),
                                STRICT, ALL)),
                row("a route named twice decides once", List.of("all", "none", "all"), List.of(ALL, NONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeMixes")
    void eachRouteOfTheEditGetsOneDecision(String behaviour, List<String> routes, List<RouteDecision> expected) {
        Edit edit = edit(routes);

        assertThat(split.split(edit)).containsExactlyElementsOf(expected);
        assertThat(split.outcomesOf(edit)).as("one outcome per decision").isEqualTo(expected.size());
    }

    @Test
    void theEditsPatchIsLeftAsItWas() {
        Edit edit = edit(null);
        split.split(edit);
        assertThat(edit.patch()).isEqualTo(PATCH);
    }

    @Test
    void aWorkerWithoutRoutesDeadLettersEveryRouteNamed() {
        RouteSplit none = new RouteSplit(Map.of());
        assertThat(none.split(edit(List.of("all")))).containsExactly(new RouteDecision.UnknownRoute("all"));
        assertThat(none.outcomesOf(edit(null))).isZero();
        assertThat(none.split(edit(null))).isEmpty();
    }

    @Test
    void aReplayGoesOnlyToTheRoutesItNamesWhateverTheEventNames() {
        Edit replay = replay(List.of("all", "noIntro", "none"), "noIntro, none");

        assertThat(split.split(replay)).extracting(RouteDecision::route).containsExactly("noIntro", "none");
        assertThat(split.outcomesOf(replay)).isEqualTo(2);
    }

    @Test
    void aRefusedReplaysRoutesAreStillOnlyThoseItIsFor() {
        Edit replay = replay(null, "strict");

        assertThat(split.routesOf(replay.source(), null)).containsExactly("strict");
        assertThat(split.routesOf(edit(null).source(), null)).hasSize(split.outcomesOf(edit(null)));
    }

    @Test
    void aReplayOfAnEventForEveryRouteStillGoesOnlyToItsOwn() {
        assertThat(split.split(replay(null, "strict"))).extracting(RouteDecision::route).containsExactly("strict");
    }

    @Test
    void aReplayForARouteTheWorkerLacksIsADeadLetterSayingSo() {
        List<RouteDecision> decisions = split.split(replay(null, "all,gone"));
        assertThat(decisions).first().isEqualTo(new RouteDecision.UnknownRoute("gone"));
        assertThat(decisions).extracting(RouteDecision::route).containsExactly("gone", "all");
        RouteDecision none = split.split(replay(null, " , ")).get(0);
        assertThat(none).isInstanceOf(RouteDecision.UnknownRoute.class);
        assertThat(((RouteDecision.UnknownRoute) none).reason()).isEqualTo(
                "the replay header groupsync_replay-routes names no route");
    }

    private static Edit replay(List<String> targetRoutes, String replayRoutes) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReplayHeaders.ROUTES, replayRoutes.getBytes(StandardCharsets.UTF_8));
        SourceRecord source = new SourceRecord("in", 0, 8, 1L, null, new byte[] {1}, headers, 2L);
        return new Edit("e1", 1_000, "g1", GroupType.WORK, "admin", targetRoutes, GROUP, PATCH.copy(), source);
    }

    private static Arguments row(String behaviour, List<String> routes, List<RouteDecision> expected) {
        return Arguments.of(behaviour, routes, expected);
    }

    private static Edit edit(List<String> routes) {
        return new Edit("e1", 1_000, "g1", GroupType.WORK, "admin", routes, GROUP, PATCH.copy(), SOURCE);
    }

    private static CoveredEvent event(Set<Field> fields, Map<Field, String> skipped) {
        return new CoveredEvent("e1", 1_000, SOURCE, fields, skipped);
    }

    /** Skips the given fields, finds the given violations, or fails; it is never asked to plan or send. */
    private record FakeClient(Set<Field> skips, List<String> violations, RuntimeException failure)
            implements VendorClient {

        @Override
        public Map<Field, String> unsupported(Target target, Patch patch) {
            if (failure != null) {
                throw failure;
            }
            Map<Field, String> unsupported = new LinkedHashMap<>();
            patch.fields(target.kind()).stream().filter(skips::contains)
                    .forEach(field -> unsupported.put(field, "not offered"));
            return unsupported;
        }

        @Override
        public List<String> violations(Edit edit, Patch supported) {
            return violations;
        }

        @Override
        public Vendor vendor() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> apis() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String firstApi(Target target, Patch patch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<VendorCall> plan(String groupId, Target target, Patch patch, PlanContext context, long nowMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<CallResult> send(VendorCall call, WireGate gate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
