package io.vazao.scaler;

import static io.vazao.scaler.ConvergenceTest.NOW;
import static io.vazao.scaler.ConvergenceTest.of;
import static io.vazao.scaler.ConvergenceTest.plan;
import static io.vazao.scaler.ConvergenceTest.running;
import static io.vazao.scaler.ConvergenceTest.starting;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vazao.engine.StandbyDemand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules of warm standby workers, one tick each. */
class StandbyConvergenceTest {

    static WorkerView parked(String id, String queue, long startedAt) {
        return new WorkerView(id, queue, startedAt, true, null, 0, false, null, 0, false, true);
    }

    static ScalerConfig cfg(int standby, int budget, int maxStarting) {
        return ScalerConfig.defaults()
                .withStandby(standby)
                .withBudget(budget)
                .withMaxStarting(maxStarting);
    }

    /** The plan's actions as short words, in order: "promote s1", "start q", "standby q", ... */
    static List<String> words(Convergence.Plan p) {
        List<String> out = new ArrayList<>();
        for (Action a : p.actions()) {
            out.add(word(a));
        }
        return out;
    }

    static String word(Action a) {
        if (a instanceof Action.Promote pr) {
            return "promote " + pr.workerId();
        } else if (a instanceof Action.Start st) {
            return "start " + st.queue();
        } else if (a instanceof Action.StartStandby sb) {
            return "standby " + sb.queue();
        } else if (a instanceof Action.Stop s) {
            return "stop " + s.workerId();
        } else if (a instanceof Action.Kill k) {
            return "kill " + k.workerId();
        }
        return "reap " + ((Action.Reap) a).workerId();
    }

    static Stream<Arguments> ticks() {
        return Stream.of(
                Arguments.of(
                        "a managed queue gets its standby after its own starts",
                        Map.of("q", 1),
                        List.of(),
                        cfg(1, 0, 0),
                        List.of("start q", "standby q"),
                        1),
                Arguments.of(
                        "a queue that needs a worker promotes its standby and starts another one",
                        Map.of("q", 2),
                        List.of(running("w1", "q", 1), parked("s1", "q", 2)),
                        cfg(1, 0, 0),
                        List.of("promote s1", "standby q"),
                        2),
                Arguments.of(
                        "a promotion needs no start slot; the new standby waits for one",
                        Map.of("q", 2, "r", 1),
                        List.of(
                                running("w1", "q", 1),
                                parked("s1", "q", 2),
                                starting("w2", "r", NOW - 100)),
                        cfg(1, 0, 1),
                        List.of("promote s1"),
                        2),
                Arguments.of(
                        "a standby is outside the budget, a promotion inside it",
                        Map.of("q", 2),
                        List.of(running("w1", "q", 1), parked("s1", "q", 2)),
                        cfg(1, 1, 0),
                        List.of(),
                        1),
                Arguments.of(
                        "a standby never heartbeats and is never stale",
                        Map.of("q", 0),
                        List.of(parked("s1", "q", NOW - 3_600_000)),
                        cfg(1, 0, 0),
                        List.of(),
                        0),
                Arguments.of(
                        "a queue no longer managed loses its standby",
                        Map.of("q", 1),
                        List.of(running("w1", "q", 1), parked("s1", "gone", 2)),
                        cfg(1, 0, 0),
                        List.of("stop s1", "standby q"),
                        1),
                Arguments.of(
                        "fewer standby wanted: the extra ones stop",
                        Map.of("q", 1),
                        List.of(running("w1", "q", 1), parked("s1", "q", 2), parked("s2", "q", 3)),
                        cfg(1, 0, 0),
                        List.of("stop s2"),
                        1),
                Arguments.of(
                        "a standby that died (killed) is reaped and started again",
                        Map.of("q", 1),
                        List.of(
                                running("w1", "q", 1),
                                new WorkerView(
                                        "s1", "q", 2, false, 137, 0, false, NOW - 500, 0, false,
                                        true)),
                        cfg(1, 0, 0),
                        List.of("reap s1", "standby q"),
                        1),
                Arguments.of(
                        "standby off: none started",
                        Map.of("q", 1),
                        List.of(running("w1", "q", 1)),
                        cfg(0, 0, 0),
                        List.of(),
                        1),
                Arguments.of(
                        "scale-down stops consuming workers, never the standby",
                        Map.of("q", 0),
                        List.of(running("w1", "q", 1), parked("s1", "q", 2)),
                        cfg(1, 0, 0),
                        List.of("stop w1"),
                        0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ticks")
    void oneTick(
            String name,
            Map<String, Integer> targets,
            List<WorkerView> workers,
            ScalerConfig cfg,
            List<String> actions,
            int actual) {
        Convergence.Plan p = plan(targets, workers, Map.of(), true, cfg);
        assertEquals(actions, words(p));
        assertEquals(actual, p.actual().getOrDefault("q", 0));
        assertEquals(
                actions.stream().filter(a -> a.startsWith("promote")).count(),
                of(p, Action.Promote.class).size());
    }

    @org.junit.jupiter.api.Test
    void aQueuesPolicyOverridesTheScalersNumber() {
        Convergence.Plan p =
                Convergence.plan(
                        new Convergence.Input(
                                NOW,
                                Map.of("q", 1, "r", 1),
                                List.of(running("w1", "q", 1), running("w2", "r", 1)),
                                Map.of(),
                                true,
                                cfg(1, 0, 0),
                                Map.of("q", 0),
                                Map.of()));
        assertEquals(List.of("standby r"), words(p), "q's policy asks for none, r takes the 1");
    }

    /** One tick with healthy heartbeats, no restart bookkeeping and no policy's own number. */
    static Convergence.Plan tick(
            Map<String, Integer> targets,
            List<WorkerView> workers,
            ScalerConfig cfg,
            Map<String, StandbyDemand> demand) {
        return Convergence.plan(
                new Convergence.Input(
                        NOW, targets, workers, Map.of(), true, cfg, Map.of(), demand));
    }

    static Stream<Arguments> pools() {
        long mib = 1024 * 1024;
        long window = StandbyDemand.WINDOW_MILLIS;
        StandbyDemand quiet = StandbyDemand.startingAt(NOW - 2 * window);
        return Stream.of(
                Arguments.of(
                        "a window without scale-ups: q's pool shrinks to one (r, new, starts its first)",
                        Map.of("q", quiet),
                        0L,
                        List.of("stop s2", "stop s3", "standby r")),
                Arguments.of(
                        "a scale-up of 2 in the window keeps two",
                        Map.of("q", quiet.record(NOW - 1_000, 2)),
                        0L,
                        List.of("stop s3", "standby r")),
                Arguments.of(
                        "the memory budget (two workers of 200 MiB) caps the pools, shared round-robin",
                        Map.of(),
                        400 * mib,
                        List.of("stop s2", "stop s3", "standby r")),
                Arguments.of(
                        "no history and room for all: the configured three, and r starts one",
                        Map.of(),
                        0L,
                        List.of("standby r")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void poolSize(
            String name, Map<String, StandbyDemand> demand, long memory, List<String> actions) {
        Convergence.Plan p =
                tick(
                        Map.of("q", 1, "r", 1),
                        List.of(
                                running("w1", "q", 1),
                                running("w2", "r", 1),
                                parked("s1", "q", 2),
                                parked("s2", "q", 3),
                                parked("s3", "q", 4)),
                        cfg(3, 0, 0).withStandbyMemory(memory),
                        demand);
        assertEquals(actions, words(p));
    }

    @org.junit.jupiter.api.Test
    void aStopOrStartSaysWhyThePoolHasItsSize() {
        long window = StandbyDemand.WINDOW_MILLIS;
        Convergence.Plan p =
                tick(
                        Map.of("q", 1),
                        List.of(running("w1", "q", 1), parked("s1", "q", 2), parked("s2", "q", 3)),
                        cfg(3, 0, 0).withStandbyMemory(400L << 20),
                        Map.of("q", StandbyDemand.startingAt(NOW - 2 * window)));
        assertEquals(
                "standby beyond the 1 kept (largest scale-up of the last 30 s: 0, pool of 1 to 3)",
                of(p, Action.Stop.class).get(0).reason());
        p =
                tick(
                        Map.of("q", 1, "r", 1),
                        List.of(running("w1", "q", 1), running("w2", "r", 1)),
                        cfg(3, 0, 0).withStandbyMemory(400L << 20),
                        Map.of());
        assertEquals(
                List.of(
                        "standby 1 of 1 (no scale-up history yet: the 3 configured, 1 within the"
                                + " standby memory budget)",
                        "standby 1 of 1 (no scale-up history yet: the 3 configured, 1 within the"
                                + " standby memory budget)"),
                of(p, Action.StartStandby.class).stream()
                        .map(Action.StartStandby::reason)
                        .toList());
    }

    @org.junit.jupiter.api.Test
    void theScaleUpIsRememberedForTheNextTick() {
        Convergence.Plan p =
                tick(
                        Map.of("q", 4),
                        List.of(running("w1", "q", 1)),
                        cfg(3, 0, 0).withStandbyMemory(0),
                        Map.of());
        StandbyDemand d = p.demand().get("q");
        assertEquals(List.of(new StandbyDemand.Jump(NOW, 3)), d.jumps());
    }
}
