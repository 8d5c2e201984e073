package io.vazao.policy.health;

import io.vazao.policy.broker.AmqpPassiveDeclare;
import io.vazao.policy.broker.BrokerUnavailableException;
import io.vazao.policy.broker.ManagementApi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the broker can be read by either source. Deliberately not a liveness check: a broker
 * outage must not get the service restarted, since it holds targets through one.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    private final ManagementApi management;
    private final AmqpPassiveDeclare amqp;

    public BrokerReadiness(ManagementApi management, AmqpPassiveDeclare amqp) {
        this.management = management;
        this.amqp = amqp;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            management.ping();
            return HealthCheckResponse.named("broker")
                    .up()
                    .withData("source", "management")
                    .build();
        } catch (BrokerUnavailableException managementDown) {
            try {
                amqp.read(List.of());
                return HealthCheckResponse.named("broker")
                        .up()
                        .withData("source", "amqp")
                        .withData("management", managementDown.getMessage())
                        .build();
            } catch (BrokerUnavailableException amqpDown) {
                return HealthCheckResponse.named("broker")
                        .down()
                        .withData("management", managementDown.getMessage())
                        .withData("amqp", amqpDown.getMessage())
                        .build();
            }
        }
    }
}
