package io.vazao.policy.store;

/** Short descriptions of Redis failures, for one-line logs without stack traces. */
public final class RedisFailures {

    private RedisFailures() {}

    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
