package io.vazao.policy.keda;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vazao.policy.keda.grpc.ExternalScaler;
import io.vazao.policy.keda.grpc.GetMetricSpecResponse;
import io.vazao.policy.keda.grpc.GetMetricsRequest;
import io.vazao.policy.keda.grpc.GetMetricsResponse;
import io.vazao.policy.keda.grpc.IsActiveResponse;
import io.vazao.policy.keda.grpc.MetricSpec;
import io.vazao.policy.keda.grpc.MetricValue;
import io.vazao.policy.keda.grpc.ScaledObjectRef;

/**
 * KEDA's external scaler, served on the separate gRPC port. The metric is the queue's target and
 * each replica is worth 1, so the HPA's desired replicas equal the policy's target.
 */
@GrpcService
public class KedaExternalScaler implements ExternalScaler {

    private final TargetWatcher targets;

    KedaExternalScaler(TargetWatcher targets) {
        this.targets = targets;
    }

    @Override
    public Uni<IsActiveResponse> isActive(ScaledObjectRef request) {
        return queue(request)
                .chain(targets::targetOf)
                .map(target -> active(Targets.active(target)));
    }

    @Override
    public Multi<IsActiveResponse> streamIsActive(ScaledObjectRef request) {
        return queue(request)
                .call(targets::targetOf) // unknown queues fail here, before the stream opens
                .onItem()
                .transformToMulti(targets::activity)
                .map(this::active);
    }

    @Override
    public Uni<GetMetricSpecResponse> getMetricSpec(ScaledObjectRef request) {
        return queue(request)
                .call(targets::targetOf)
                .map(
                        queue ->
                                GetMetricSpecResponse.newBuilder()
                                        .addMetricSpecs(
                                                MetricSpec.newBuilder()
                                                        .setMetricName(
                                                                ScalerRequests.metricName(queue))
                                                        .setTargetSize(ScalerRequests.TARGET_SIZE)
                                                        .setTargetSizeFloat(
                                                                ScalerRequests.TARGET_SIZE))
                                        .build());
    }

    @Override
    public Uni<GetMetricsResponse> getMetrics(GetMetricsRequest request) {
        return queue(request.getScaledObjectRef())
                .chain(
                        queue ->
                                targets.targetOf(queue)
                                        .map(
                                                target ->
                                                        GetMetricsResponse.newBuilder()
                                                                .addMetricValues(
                                                                        MetricValue.newBuilder()
                                                                                // answer under the
                                                                                // name KEDA asked
                                                                                // for, so its
                                                                                // lookup matches
                                                                                .setMetricName(
                                                                                        request.getMetricName()
                                                                                                        .isBlank()
                                                                                                ? ScalerRequests
                                                                                                        .metricName(
                                                                                                                queue)
                                                                                                : request
                                                                                                        .getMetricName())
                                                                                .setMetricValue(
                                                                                        target)
                                                                                .setMetricValueFloat(
                                                                                        target))
                                                                .build()));
    }

    private static Uni<String> queue(ScaledObjectRef request) {
        return Uni.createFrom().item(() -> ScalerRequests.queueOf(request));
    }

    private IsActiveResponse active(boolean value) {
        return IsActiveResponse.newBuilder().setResult(value).build();
    }
}
