package io.vazao.contract;

/**
 * What the global worker budget did to one queue's target in one decision: the typed form of the
 * reason's "budget …" clause, for code that must tell contention apart (never parse the reason).
 *
 * @param budget the budget ({@code maxTotalWorkers}) the decision was made under
 * @param share the queue's share of it (its target before the host CPU guard)
 * @param effect whether the share cut the target, and how far
 */
public record BudgetShare(int budget, int share, Effect effect) {

    public enum Effect {
        /** The share is at least what the queue wants: the budget did not bind. */
        NONE,
        /** The share covers the demand now, not all a scale-down window keeps. */
        BINDS,
        /** The share is below the demand now: the queue contends for workers. */
        SHORT
    }

    /** Whether this queue wanted more than the budget gave it. */
    public boolean contended() {
        return effect == Effect.SHORT;
    }
}
