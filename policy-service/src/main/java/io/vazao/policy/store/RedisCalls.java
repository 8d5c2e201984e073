package io.vazao.policy.store;

import java.util.function.Supplier;

/**
 * Runs a Redis call, turning connection and server failures into {@link StoreUnavailableException}.
 */
public final class RedisCalls {

    private RedisCalls() {}

    public static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(what + ": " + RedisFailures.describe(e), e);
        }
    }
}
