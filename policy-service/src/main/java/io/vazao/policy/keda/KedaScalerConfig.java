package io.vazao.policy.keda;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vazao.contract.TargetFreshness;
import java.time.Duration;

/** Settings of the KEDA external scaler (gRPC server port and address are Quarkus' own keys). */
@ConfigMapping(prefix = "vazao.keda")
public interface KedaScalerConfig {

    /**
     * How often the targets hash is read. A target leaving 0 is pushed to KEDA within one such
     * period, so it bounds the activation latency that KEDA's own polling would otherwise set.
     */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Longest wait for one Redis answer before the last known targets are served instead. */
    @WithDefault("2s")
    Duration redisTimeout();

    /**
     * Targets not written for this long (the control loop's tick counter stood still) are stale:
     * the scaler answers UNAVAILABLE, so that KEDA's fallback replicas apply.
     */
    @WithDefault(TargetFreshness.DEFAULT_STALE_AFTER)
    Duration staleAfter();
}
