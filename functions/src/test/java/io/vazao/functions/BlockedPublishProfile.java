package io.vazao.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vazao.functions.support.Names;
import java.util.Map;

/**
 * A worker for the blocked-publisher test: its own queue and prefix, audit on, and a prefetch of
 * one, so that messages are taken in the order they were published.
 */
public class BlockedPublishProfile implements QuarkusTestProfile {

    public static final String QUEUE = Names.queue("blocked");
    public static final String PREFIX = Names.keyPrefix();

    @Override
    public Map<String, String> getConfigOverrides() {
        return IsolatedWorkerConfig.of(QUEUE, PREFIX, Map.of("vazao.audit.enabled", "true"));
    }
}
