package io.vazao.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vazao.functions.support.Names;
import java.util.Map;
import java.util.Set;

/**
 * A worker that takes Celery task messages beside plain JSON, writes their results, audits every
 * processed id, and fails on script ({@link ScriptedWork}): 3 attempts 100 ms apart and doubling.
 * An eta more than 1 s ahead is held for 1 s and put back in the queue, so that the test's 2 s
 * countdown takes both ways: back to the queue, then waited for.
 */
public class CeleryProfile implements QuarkusTestProfile {

    public static final String QUEUE = Names.queue("celery");
    public static final String PREFIX = Names.keyPrefix();

    @Override
    public Map<String, String> getConfigOverrides() {
        return IsolatedWorkerConfig.of(
                QUEUE,
                PREFIX,
                Map.of(
                        "vazao.audit.enabled", "true",
                        "vazao.retry.max-attempts", "3",
                        "vazao.retry.delay", "100ms",
                        "vazao.heartbeat.interval", "500ms",
                        "vazao.celery.eta-max-wait", "1s"));
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ScriptedWork.class);
    }
}
