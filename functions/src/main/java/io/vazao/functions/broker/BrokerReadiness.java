package io.vazao.functions.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.vazao.functions.config.QueueBinding;

/**
 * Ready while the broker is reachable and the topology is in place. Deliberately not a liveness
 * check: a broker restart must not get the worker killed, it reconnects by itself.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    private final BrokerConnection broker;
    private final QueueBinding binding;

    @Inject
    public BrokerReadiness(BrokerConnection broker, QueueBinding binding) {
        this.broker = broker;
        this.binding = binding;
    }

    @Override
    public HealthCheckResponse call() {
        boolean open = broker.isOpen();
        return HealthCheckResponse.named("rabbitmq")
                .status(open && broker.topologyDeclared())
                .withData("queue", binding.queue())
                .withData("connected", open)
                .build();
    }
}
