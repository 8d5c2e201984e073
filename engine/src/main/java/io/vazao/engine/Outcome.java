package io.vazao.engine;

import java.util.List;

/**
 * Everything one call of the engine produces.
 *
 * @param decisions one per managed queue, in the order of the snapshot
 * @param configErrors configuration that cannot be honoured (e.g. the mins exceed the budget)
 * @param recycle workers to replace
 * @param history the history to pass to the next call
 */
public record Outcome(
        List<Decision> decisions,
        List<String> configErrors,
        List<Recycle> recycle,
        History history) {}
