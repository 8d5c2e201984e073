package io.vazao.engine;

import io.vazao.contract.BudgetShare;
import io.vazao.contract.EventKind;
import io.vazao.contract.Policy;
import io.vazao.contract.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * vazao's decision engine. For every queue, in this order:
 *
 * <ol>
 *   <li>missing inputs -> hold the last target ({@link EventKind#HOLD}); paused -> 0; {@code mode:
 *       seed} -> the replaced system's formula ({@link SeedRule});
 *   <li>adaptive: demand = (arrivals/s + backlog / targetDrainSeconds) / per-worker rate, rounded
 *       up, where the per-worker rate is the EWMA of saturated measurements ({@link ServiceRate});
 *   <li>CPU rule: hot workers with a growing backlog -> at least one more than now;
 *   <li>clamp to [min, max]; cap by rateLimitPerSecond / per-worker rate (never below min);
 *   <li>panic window: a recommendation >= 2x the current target starts a panic during which the
 *       target does not fall; stabilization: the highest recommendation of the last
 *       scaleDownStabilizationSeconds is what the queue asks for (scale up at once, down late);
 * </ol>
 *
 * then the budget is shared by weight ({@link WeightedBudget}) and the host CPU guard blocks
 * increases. Pure: no I/O, no clock, no randomness.
 */
public final class AdaptiveDecisionEngine implements DecisionEngine {

    /** Above this host CPU (local mode) no target rises this tick. */
    public static final double DEFAULT_HOST_CPU_GUARD_PERCENT = 95.0;

    /** How long panic mode lasts after the last burst tick (Knative's panic window is 6 s). */
    public static final long DEFAULT_PANIC_WINDOW_MILLIS = 6_000;

    /**
     * A recommendation this many times the current target is a burst (Knative's panic threshold 200
     * %).
     */
    public static final double PANIC_THRESHOLD = Panic.THRESHOLD;

    private final double hostCpuGuardPercent;
    private final QueuePlanning planning;

    public AdaptiveDecisionEngine() {
        this(DEFAULT_HOST_CPU_GUARD_PERCENT, DEFAULT_PANIC_WINDOW_MILLIS);
    }

    public AdaptiveDecisionEngine(double hostCpuGuardPercent, long panicWindowMillis) {
        this.hostCpuGuardPercent = hostCpuGuardPercent;
        this.planning = new QueuePlanning(new AdaptiveRules(panicWindowMillis));
    }

    @Override
    public Outcome decide(
            Snapshot snapshot,
            Map<String, Policy> policies,
            Settings settings,
            History history,
            Instant now) {
        long nowMs = now.toEpochMilli();
        List<String> errors = new ArrayList<>();
        List<Recycle> recycle = new ArrayList<>();
        List<QueueSnapshot> queues = snapshot.queues();
        int n = queues.size();
        QueuePlan[] plans = new QueuePlan[n];
        for (int i = 0; i < n; i++) {
            QueueSnapshot qs = queues.get(i);
            plans[i] =
                    planning.plan(
                            qs,
                            policies.get(qs.queue()),
                            settings,
                            history.of(qs.queue()),
                            nowMs,
                            errors,
                            recycle);
        }
        int budget = settings.maxTotalWorkers();
        WorkConservingBudget.Result shared = share(plans, budget, errors);
        MoveReasons moves = shared.moved() ? MoveReasons.of(shared) : null;
        Double hostCpu = snapshot.hostCpuPercent();
        List<Decision> decisions = new ArrayList<>(n);
        Map<String, QueueHistory> next = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            QueuePlan p = plans[i];
            BudgetShare share = shareOf(p, shared.shares()[i], budget);
            int target = finish(p, i, moves, share, hostCpu);
            EventKind kind =
                    p.held
                            ? EventKind.HOLD
                            : target > p.previous
                                    ? EventKind.SCALE_UP
                                    : target < p.previous ? EventKind.SCALE_DOWN : null;
            decisions.add(
                    new Decision(
                            p.queue,
                            target,
                            p.previous,
                            p.demand,
                            kind,
                            p.reason.toString(),
                            p.inputs,
                            share));
            next.put(p.queue, p.history(target));
        }
        return new Outcome(
                Collections.unmodifiableList(decisions),
                List.copyOf(errors),
                List.copyOf(recycle),
                new History(Collections.unmodifiableMap(next)));
    }

    /**
     * The budget, shared by weight without leaving capacity idle; mins above it are a configuration
     * error.
     */
    private static WorkConservingBudget.Result share(
            QueuePlan[] plans, int budget, List<String> errors) {
        int n = plans.length;
        String[] names = new String[n];
        int[] floors = new int[n];
        int[] needs = new int[n];
        int[] wants = new int[n];
        double[] weights = new double[n];
        long sumFloors = 0;
        for (int i = 0; i < n; i++) {
            names[i] = plans[i].queue;
            floors[i] = plans[i].floor;
            wants[i] = plans[i].want;
            needs[i] = plans[i].need < 0 ? plans[i].want : plans[i].need;
            weights[i] = plans[i].weight;
            sumFloors += floors[i];
        }
        WorkConservingBudget.Result shared =
                WorkConservingBudget.share(names, floors, needs, wants, weights, budget);
        if (!shared.feasible()) {
            errors.add(
                    "minimum workers (and held or seed-mode targets) add up to "
                            + sumFloors
                            + ", more than the budget maxTotalWorkers "
                            + budget
                            + ": the budget is shared by weight below those minimums");
        }
        return shared;
    }

    /** "Short" means below what the demand asks for now: only such queues are contending. */
    private static BudgetShare shareOf(QueuePlan p, int share, int budget) {
        int need = p.need < 0 ? p.want : p.need;
        BudgetShare.Effect effect =
                share < need
                        ? BudgetShare.Effect.SHORT
                        : share < p.want ? BudgetShare.Effect.BINDS : BudgetShare.Effect.NONE;
        return new BudgetShare(budget, share, effect);
    }

    /** A queue's target from its share, with the budget's and the host CPU guard's clauses. */
    private int finish(QueuePlan p, int i, MoveReasons moves, BudgetShare share, Double hostCpu) {
        int target = share.share();
        if (share.effect() == BudgetShare.Effect.SHORT) {
            p.reason
                    .append("; budget ")
                    .append(share.budget())
                    .append(" short: share ")
                    .append(target)
                    .append(" (weight ");
            Num.append(p.reason, p.weight).append(')');
            if (target < p.floor) {
                p.reason.append(", below minimum ").append(p.floor).append(": configuration error");
            }
        } else if (share.effect() == BudgetShare.Effect.BINDS) {
            p.reason
                    .append("; budget ")
                    .append(share.budget())
                    .append(" binds: share ")
                    .append(target)
                    .append(" covers the demand, not all the window keeps");
        }
        if (moves != null) {
            moves.explain(p.reason, i);
        }
        boolean hostHot = hostCpu != null && hostCpu > hostCpuGuardPercent;
        if (hostHot && !p.held && target > p.previous) {
            int guarded = Math.max(p.previous, Math.min(p.floor, target));
            if (guarded < target) {
                p.reason.append("; host CPU ");
                Num.append(p.reason, hostCpu).append("% > ");
                Num.append(p.reason, hostCpuGuardPercent)
                        .append("%: scale-up held at ")
                        .append(guarded);
                target = guarded;
            }
        }
        return target;
    }
}
