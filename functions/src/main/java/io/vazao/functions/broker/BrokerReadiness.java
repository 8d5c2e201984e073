package io.vazao.functions.broker;

import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.consume.DirectConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the worker is consuming its queue on an open connection. Deliberately not a liveness
 * check: a broker restart must not get the worker killed, it reconnects by itself.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    private final BrokerConnection broker;
    private final DirectConsumer consumer;
    private final QueueBinding binding;

    @Inject
    public BrokerReadiness(BrokerConnection broker, DirectConsumer consumer, QueueBinding binding) {
        this.broker = broker;
        this.consumer = consumer;
        this.binding = binding;
    }

    @Override
    public HealthCheckResponse call() {
        boolean open = broker.isOpen();
        return HealthCheckResponse.named("rabbitmq")
                .status(open && consumer.consuming())
                .withData("queue", binding.queue())
                .withData("connected", open)
                .withData("consuming", consumer.consuming())
                .build();
    }
}
