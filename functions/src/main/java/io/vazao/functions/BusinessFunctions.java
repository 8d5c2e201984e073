package io.vazao.functions;

import io.quarkus.funqy.Funq;
import io.vazao.functions.payload.BusinessMessage;
import io.vazao.functions.payload.Order;
import io.vazao.functions.payload.Payment;
import io.vazao.functions.work.SimulatedWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The consumer functions. RabbitMQ deliveries reach them through {@code WorkConsumer}; Funqy HTTP
 * also exposes them ({@code POST /processOrder}, {@code POST /processPayment}) for direct
 * invocation.
 */
@ApplicationScoped
public class BusinessFunctions {

    private final SimulatedWork work;

    @Inject
    public BusinessFunctions(SimulatedWork work) {
        this.work = work;
    }

    @Funq
    public Processed processOrder(Order order) {
        requireValid(order);
        work.perform(order.id());
        return new Processed(order.id(), Order.TYPE, order.data().product().total());
    }

    @Funq
    public Processed processPayment(Payment payment) {
        requireValid(payment);
        work.perform(payment.id());
        return new Processed(payment.id(), Payment.TYPE, payment.data().amount());
    }

    /** Dispatches a decoded message to its function. */
    public Processed process(BusinessMessage message) {
        if (message instanceof Order o) {
            return processOrder(o);
        }
        return processPayment((Payment) message);
    }

    private static void requireValid(BusinessMessage message) {
        if (message == null) {
            throw new IllegalArgumentException("a body is required");
        }
        List<String> violations = message.violations();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", violations));
        }
    }

    /** What a function returns: the message it processed and the amount it carried. */
    public record Processed(String id, String type, double amount) {}
}
