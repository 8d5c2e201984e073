package io.vazao.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vazao.functions.support.Names;
import java.util.Map;

/** A worker on a queue of its own, with its own Redis prefix and the processed-id audit on. */
public class ConsumerProfile implements QuarkusTestProfile {

    public static final String QUEUE = Names.queue("consume");
    public static final String PREFIX = Names.keyPrefix();
    public static final String HTTP_TOKEN = "fn-" + java.util.UUID.randomUUID();

    @Override
    public Map<String, String> getConfigOverrides() {
        return IsolatedWorkerConfig.of(
                QUEUE,
                PREFIX,
                Map.of(
                        "vazao.audit.enabled",
                        "true",
                        "vazao.heartbeat.interval",
                        "500ms",
                        "vazao.http-functions.enabled",
                        "true",
                        "vazao.http-functions.token",
                        HTTP_TOKEN));
    }
}
