package io.vazao.functions.ratelimit;

/** Where shared tokens come from (Redis in production). */
public interface TokenSource {

    /** Takes up to {@code wanted} tokens from the bucket {@code key}. */
    Grant take(String key, TokenBudget budget, int wanted) throws Exception;

    /** Tokens granted and, if fewer than wanted, milliseconds until the rest could be. */
    record Grant(int granted, long waitMillis) {}
}
