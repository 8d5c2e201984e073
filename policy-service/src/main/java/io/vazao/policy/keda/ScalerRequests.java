package io.vazao.policy.keda;

import io.grpc.Status;
import io.vazao.policy.keda.grpc.ScaledObjectRef;
import java.util.Locale;

/** Reading KEDA's requests: which queue a ScaledObject's trigger is about, and its metric name. */
final class ScalerRequests {

    /** The trigger metadata key that names the queue. */
    static final String QUEUE_KEY = "queue";

    /** Each replica is worth one worker: the metric is the target itself. */
    static final long TARGET_SIZE = 1;

    private ScalerRequests() {}

    /** The queue named by the trigger's metadata, or INVALID_ARGUMENT naming what is missing. */
    static String queueOf(ScaledObjectRef ref) {
        String queue = ref == null ? null : ref.getScalerMetadataMap().get(QUEUE_KEY);
        if (queue == null || queue.isBlank()) {
            String owner = ref == null ? "?" : ref.getNamespace() + "/" + ref.getName();
            throw Status.INVALID_ARGUMENT
                    .withDescription(
                            "trigger metadata of ScaledObject "
                                    + owner
                                    + " has no '"
                                    + QUEUE_KEY
                                    + "': set metadata.queue to the RabbitMQ queue the workload consumes")
                    .asRuntimeException();
        }
        return queue.trim();
    }

    /**
     * A metric name the HPA accepts for a queue: lower case, letters, digits and dashes. KEDA adds
     * its own {@code sN-} prefix.
     */
    static String metricName(String queue) {
        String cleaned =
                queue.toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("(^-+|-+$)", "");
        return "vazao-target-" + (cleaned.isEmpty() ? "queue" : cleaned);
    }

    static Status unknownQueue(String queue) {
        return Status.NOT_FOUND.withDescription(
                "queue '"
                        + queue
                        + "' is not managed by vazao: it has no policy and no target (create one with PUT /api/v1/policies/"
                        + queue
                        + ")");
    }
}
