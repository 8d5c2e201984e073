package io.vazao.policy.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the policy service tells Prometheus about local workers (prefix {@code vazao.prometheus}).
 */
@ConfigMapping(prefix = "vazao.prometheus")
public interface PrometheusTargetsConfig {

    /**
     * The Prometheus {@code file_sd} JSON file listing every live worker's metrics endpoint; absent
     * = no file is written (on Kubernetes, Prometheus discovers pods itself).
     */
    Optional<String> fileSdPath();

    /**
     * The host Prometheus scrapes workers at. The default suits the one-machine setup, where every
     * worker runs beside Prometheus; set it empty to use the host name each heartbeat reports.
     */
    @WithDefault("127.0.0.1")
    Optional<String> workerAddress();

    /** How often heartbeats are read for the target file and the stale-worker gauge. */
    @WithDefault("5s")
    Duration scanInterval();
}
