package io.vazao.functions.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vazao.functions.payload.PayloadDecoder.Decoded;
import io.vazao.functions.support.Payloads;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadDecoderTest {

    static final int MAX = 4096;

    static Stream<Arguments> rejected() {
        String order = Payloads.order("ORD-1");
        return Stream.of(
                Arguments.of(MessageKind.ORDER, "", Rejection.INVALID_JSON),
                Arguments.of(MessageKind.ORDER, "not json", Rejection.INVALID_JSON),
                Arguments.of(MessageKind.ORDER, "{\"id\": \"ORD-1\",", Rejection.INVALID_JSON),
                Arguments.of(MessageKind.ORDER, order + " trailing", Rejection.INVALID_JSON),
                Arguments.of(MessageKind.ORDER, "[1, 2]", Rejection.WRONG_SHAPE),
                Arguments.of(MessageKind.ORDER, "\"order\"", Rejection.WRONG_SHAPE),
                Arguments.of(MessageKind.ORDER, "{\"hello\": \"world\"}", Rejection.WRONG_SHAPE),
                Arguments.of(
                        MessageKind.ORDER,
                        "{\"id\": \"ORD-1\", \"type\": 7}",
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        MessageKind.ORDER,
                        "{\"id\": \"ORD-1\", \"type\": \"order\"}",
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        MessageKind.ORDER,
                        order.replace("\"quantity\": 2", "\"quantity\": \"two\""),
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        MessageKind.ORDER,
                        order.replace("\"quantity\": 2", "\"quantity\": \"2\""),
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        MessageKind.ORDER,
                        order.replace("\"quantity\": 2", "\"quantity\": 0"),
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        MessageKind.ORDER,
                        order.replace("\"id\": \"ORD-1\"", "\"id\": \"\""),
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        MessageKind.ORDER,
                        order.replace("\"customer\": {", "\"customer\": [{")
                                .replace("\"60601\"}}", "\"60601\"}}]"),
                        Rejection.WRONG_SHAPE),
                Arguments.of(MessageKind.ORDER, Payloads.payment("PAY-1"), Rejection.WRONG_TYPE),
                Arguments.of(MessageKind.PAYMENT, order, Rejection.WRONG_TYPE),
                Arguments.of(
                        MessageKind.PAYMENT,
                        Payloads.payment("PAY-1")
                                .replace("\"amount\": 2500.00", "\"amount\": \"lots\""),
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        MessageKind.PAYMENT,
                        Payloads.payment("PAY-1").replace("\"order_id\": \"ORD-48213\", ", ""),
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        MessageKind.ORDER,
                        order.replace("\"Fragile\"", "\"" + "x".repeat(MAX) + "\""),
                        Rejection.OVERSIZED));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsWithTheReason(MessageKind kind, String body, Rejection expected) {
        Decoded d = new PayloadDecoder(kind, MAX).decode(body.getBytes(StandardCharsets.UTF_8));
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        assertThat(((Decoded.Rejected) d).reason()).isEqualTo(expected);
        assertThat(((Decoded.Rejected) d).detail()).isNotBlank();
    }

    @Test
    void acceptsSeedShapedOrdersAndPayments() {
        Decoded o =
                new PayloadDecoder(MessageKind.ORDER, MAX)
                        .decode(Payloads.order("ORD-7").getBytes(StandardCharsets.UTF_8));
        assertThat(o).isInstanceOf(Decoded.Accepted.class);
        Order order = (Order) ((Decoded.Accepted) o).message();
        assertThat(order.id()).isEqualTo("ORD-7");
        assertThat(order.data().product().unitPrice()).isEqualTo(1250.0);
        assertThat(order.data().shippingMethod()).isEqualTo("express");
        assertThat(order.data().customer().address().city()).isEqualTo("Chicago");

        Decoded p =
                new PayloadDecoder(MessageKind.PAYMENT, MAX)
                        .decode(Payloads.payment("PAY-7").getBytes(StandardCharsets.UTF_8));
        Payment payment = (Payment) ((Decoded.Accepted) p).message();
        assertThat(payment.data().orderId()).isEqualTo("ORD-48213");
        assertThat(payment.data().paymentDetails().cardLastFour()).isEqualTo("4242");
    }

    @Test
    void toleratesExtraFieldsAndAbsentOptionalOnes() {
        String minimal =
                "{\"id\": \"PAY-9\", \"type\": \"payment\", \"extra\": true,"
                        + " \"data\": {\"order_id\": \"ORD-9\", \"amount\": 10, \"payment_method\": \"paypal\"}}";
        assertThat(
                        new PayloadDecoder(MessageKind.PAYMENT, MAX)
                                .decode(minimal.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Decoded.Accepted.class);
    }

    @Test
    void sizeIsCheckedBeforeParsing() {
        byte[] notJsonButHuge = new byte[MAX + 1];
        Decoded d = new PayloadDecoder(MessageKind.ORDER, MAX).decode(notJsonButHuge);
        assertThat(((Decoded.Rejected) d).reason()).isEqualTo(Rejection.OVERSIZED);
    }
}
