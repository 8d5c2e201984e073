package io.vazao.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vazao.contract.Topology;
import io.vazao.functions.payload.MessageKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueBindingTest {

    @Test
    void seedQueuesTakeFunctionAndRoutingKeyFromTheTopology() {
        QueueBinding orders =
                QueueBinding.resolve(
                        "business_queue_1", Topology.EXCHANGE, Optional.empty(), Optional.empty());
        assertThat(orders.kind()).isEqualTo(MessageKind.ORDER);
        assertThat(orders.routingKey()).isEqualTo("business.queue1");
        assertThat(orders.deadLetterQueue()).isEqualTo("business_queue_1.dlq");
        QueueBinding payments =
                QueueBinding.resolve(
                        "business_queue_2", Topology.EXCHANGE, Optional.empty(), Optional.empty());
        assertThat(payments.kind()).isEqualTo(MessageKind.PAYMENT);
        assertThat(payments.routingKey()).isEqualTo("business.queue2");
    }

    @Test
    void otherQueuesNameTheirFunctionAndDefaultTheRoutingKeyToTheirName() {
        QueueBinding b =
                QueueBinding.resolve(
                        "t-x", Topology.EXCHANGE, Optional.of("processPayment"), Optional.empty());
        assertThat(b.kind()).isEqualTo(MessageKind.PAYMENT);
        assertThat(b.routingKey()).isEqualTo("t-x");
        assertThat(
                        QueueBinding.resolve(
                                        "t-x", "ex", Optional.of("processOrder"), Optional.of("rk"))
                                .routingKey())
                .isEqualTo("rk");
    }

    @Test
    void refusesAQueueWithoutAFunctionAndUnknownFunctions() {
        assertThatThrownBy(
                        () ->
                                QueueBinding.resolve(
                                        "t-x",
                                        Topology.EXCHANGE,
                                        Optional.empty(),
                                        Optional.empty()))
                .hasMessageContaining("vazao.function");
        assertThatThrownBy(
                        () ->
                                QueueBinding.resolve(
                                        "t-x",
                                        Topology.EXCHANGE,
                                        Optional.of("processEmail"),
                                        Optional.empty()))
                .hasMessageContaining("processEmail");
        assertThatThrownBy(
                        () ->
                                QueueBinding.resolve(
                                        " ",
                                        Topology.EXCHANGE,
                                        Optional.of("processOrder"),
                                        Optional.empty()))
                .hasMessageContaining("vazao.queue");
    }
}
