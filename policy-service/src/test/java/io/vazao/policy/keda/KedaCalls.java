package io.vazao.policy.keda;

import io.vazao.policy.keda.grpc.ExternalScaler;
import io.vazao.policy.keda.grpc.GetMetricsRequest;
import io.vazao.policy.keda.grpc.ScaledObjectRef;
import java.time.Duration;

/** The calls KEDA makes, as the scaler tests make them. */
final class KedaCalls {

    static final Duration CALL = Duration.ofSeconds(20);

    private KedaCalls() {}

    /** GetMetrics for a queue's ScaledObject: its target. Throws the gRPC status on an error. */
    static long metric(ExternalScaler keda, String queue) {
        return keda.getMetrics(
                        GetMetricsRequest.newBuilder()
                                .setScaledObjectRef(ref(queue))
                                .setMetricName(ScalerRequests.metricName(queue))
                                .build())
                .await()
                .atMost(CALL)
                .getMetricValues(0)
                .getMetricValue();
    }

    static ScaledObjectRef ref(String queue) {
        return ScaledObjectRef.newBuilder()
                .setName("fn")
                .setNamespace("vazao")
                .putScalerMetadata("queue", queue)
                .build();
    }
}
