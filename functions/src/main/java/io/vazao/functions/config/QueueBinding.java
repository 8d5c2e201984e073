package io.vazao.functions.config;

import io.vazao.contract.Topology;
import io.vazao.functions.payload.MessageKind;
import java.util.Optional;

/**
 * Where a worker's queue sits in the topology and which function serves it. Seed queues take their
 * routing key and function from {@link Topology}; any other queue (tests, new kinds of work) names
 * its function and may name its routing key (default: the queue name).
 */
public record QueueBinding(String queue, String exchange, String routingKey, MessageKind kind) {

    public QueueBinding {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("vazao.queue is required");
        }
        if (exchange == null || exchange.isBlank()) {
            throw new IllegalArgumentException("vazao.exchange must not be blank");
        }
    }

    public String deadLetterQueue() {
        return Topology.deadLetterQueue(queue);
    }

    public static QueueBinding resolve(
            String queue, String exchange, Optional<String> function, Optional<String> routingKey) {
        Optional<Topology.QueueSpec> seed = Topology.seedQueue(queue);
        String fn =
                function.filter(f -> !f.isBlank())
                        .or(() -> seed.map(Topology.QueueSpec::function))
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "queue '"
                                                        + queue
                                                        + "' is not a seed queue: set vazao.function (processOrder or processPayment)"));
        String key =
                routingKey
                        .filter(k -> !k.isBlank())
                        .or(() -> seed.map(Topology.QueueSpec::routingKey))
                        .orElse(queue);
        return new QueueBinding(queue, exchange, key, MessageKind.ofFunction(fn));
    }
}
