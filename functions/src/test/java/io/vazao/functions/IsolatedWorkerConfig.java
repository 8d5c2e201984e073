package io.vazao.functions;

import java.util.HashMap;
import java.util.Map;

/**
 * The configuration every in-process worker test shares: a queue and a Redis prefix of its own (so
 * it can run beside other builds on the same broker and Redis) and a random HTTP port.
 */
final class IsolatedWorkerConfig {

    private IsolatedWorkerConfig() {}

    static Map<String, String> of(String queue, String prefix, Map<String, String> extra) {
        Map<String, String> config =
                new HashMap<>(
                        Map.of(
                                "vazao.queue",
                                queue,
                                "vazao.function",
                                "processOrder",
                                "vazao.key-prefix",
                                prefix,
                                "quarkus.http.test-port",
                                "0"));
        config.putAll(extra);
        return config;
    }
}
