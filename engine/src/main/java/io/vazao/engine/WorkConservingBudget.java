package io.vazao.engine;

/**
 * The budget, shared so that no capacity sits idle while a queue starves.
 *
 * <p>A queue's want can be above its need: its scale-down window (or a panic window) keeps the
 * highest recent recommendation, although its demand now is lower. When the budget binds, sharing
 * the wants as they are lets a drained queue keep idle workers for the whole window while another
 * queue, short of its demand, waits. So when some queue would get less than its need while another
 * would keep workers above its own need, the budget is shared in two rounds: first the needs (by
 * weight, as {@link WeightedBudget} does), then what is left goes to the kept workers, again by
 * weight. When nobody else wants the capacity the window keeps it as before.
 *
 * <p>Invariant (checked by a property test): under a binding budget no queue keeps a worker above
 * its need while another queue's share is below its need.
 */
public final class WorkConservingBudget {

    private WorkConservingBudget() {}

    /**
     * @param names the queues, index by index
     * @param shares the integer targets
     * @param plain what sharing the wants as they are would have given (equal to shares when no
     *     worker had to move)
     * @param moved whether window-kept workers went to queues short of their need
     */
    public record Result(
            String[] names, int[] shares, int[] plain, boolean moved, boolean feasible) {}

    /**
     * @param floors minimums
     * @param needs what each queue's demand asks for now, floor ≤ need ≤ want
     * @param wants what each queue asks for, its windows' kept workers included
     * @param weights weights &gt; 0
     * @param budget the total
     */
    public static Result share(
            String[] names, int[] floors, int[] needs, int[] wants, double[] weights, int budget) {
        WeightedBudget.Result plain = WeightedBudget.share(names, floors, wants, weights, budget);
        if (!plain.binding() || !plain.feasible() || !starvesWhileKeeping(plain.shares(), needs)) {
            return new Result(names, plain.shares(), plain.shares(), false, plain.feasible());
        }
        int[] first = WeightedBudget.share(names, floors, needs, weights, budget).shares();
        int n = first.length;
        int left = budget;
        int[] kept = new int[n];
        for (int i = 0; i < n; i++) {
            left -= first[i];
            kept[i] = Math.max(0, wants[i] - first[i]);
        }
        int[] second =
                WeightedBudget.share(names, new int[n], kept, weights, Math.max(0, left)).shares();
        int[] shares = new int[n];
        for (int i = 0; i < n; i++) {
            shares[i] = first[i] + second[i];
        }
        return new Result(names, shares, plain.shares(), true, true);
    }

    /** Some queue gets less than its need while another keeps more than its own. */
    static boolean starvesWhileKeeping(int[] shares, int[] needs) {
        boolean starves = false;
        boolean keeps = false;
        for (int i = 0; i < shares.length; i++) {
            starves |= shares[i] < needs[i];
            keeps |= shares[i] > needs[i];
        }
        return starves && keeps;
    }
}
