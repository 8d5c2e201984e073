package io.vazao.functions.broker;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.vazao.contract.Topology;
import io.vazao.functions.config.QueueBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Declares what the worker needs, idempotently: the durable direct work exchange, the durable work
 * queue and its binding, the dead-letter exchange and the queue's dead-letter queue bound by the
 * queue's name. The work queue carries no {@code x-} arguments so that every part (and the replaced
 * system's publishers) can declare it the same way without PRECONDITION_FAILED; dead letters are
 * published explicitly, with a reason, rather than by the broker.
 */
@ApplicationScoped
public class TopologyDeclarer {

    private static final Logger LOG = Logger.getLogger(TopologyDeclarer.class);

    private final QueueBinding binding;

    @Inject
    public TopologyDeclarer(QueueBinding binding) {
        this.binding = binding;
    }

    public void declare(Channel ch) throws IOException {
        Map<String, Object> none = Map.of();
        ch.exchangeDeclare(binding.exchange(), BuiltinExchangeType.DIRECT, true, false, none);
        ch.queueDeclare(binding.queue(), true, false, false, none);
        ch.queueBind(binding.queue(), binding.exchange(), binding.routingKey());
        ch.exchangeDeclare(
                Topology.DEAD_LETTER_EXCHANGE, BuiltinExchangeType.DIRECT, true, false, none);
        ch.queueDeclare(binding.deadLetterQueue(), true, false, false, none);
        ch.queueBind(binding.deadLetterQueue(), Topology.DEAD_LETTER_EXCHANGE, binding.queue());
        LOG.infof(
                "event=topology-declared exchange=%s queue=%s routingKey=%s dlx=%s dlq=%s",
                binding.exchange(),
                binding.queue(),
                binding.routingKey(),
                Topology.DEAD_LETTER_EXCHANGE,
                binding.deadLetterQueue());
    }
}
