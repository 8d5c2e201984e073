package io.vazao.policy.lease;

import java.util.OptionalLong;

/**
 * Whether this replica runs the control loop. Every replica serves the API, the dashboard and the
 * scaler; only the lease holder ticks, and its target writes carry the lease's fencing token.
 */
public interface LeaderLease {

    /**
     * The fencing token while this replica holds the lease; empty while another does or Redis is
     * unknown.
     */
    OptionalLong token();

    default boolean leading() {
        return token().isPresent();
    }

    /** How long a standby waits before asking again. */
    long standbyPollMillis();

    /** A write was refused under this token: another replica took the lease. */
    void lost(long token);
}
