package io.vazao.functions.celery;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import io.vazao.contract.CeleryProtocol;
import io.vazao.functions.payload.MessageKind;
import io.vazao.functions.payload.Order;
import io.vazao.functions.payload.Payment;
import io.vazao.functions.payload.Rejection;
import io.vazao.functions.support.Payloads;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryDecoderTest {

    static final int MAX = 8192;
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final String ORDER = Payloads.order("ORD-1");
    static final String PAYMENT = Payloads.payment("PAY-1");
    static final String EMBED =
            "{\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}";
    static final DeliveryDecoder ORDERS_QUEUE =
            new DeliveryDecoder(MessageKind.ORDER, MAX, TaskMapping.defaults());

    /** A Celery task message as Celery 5 writes it, with a change to its headers. */
    static AMQP.BasicProperties task(String name, Consumer<Map<String, Object>> change) {
        Map<String, Object> h =
                new HashMap<>(CeleryProtocol.taskHeaders(name, "task-1", "test@host"));
        // As the RabbitMQ client hands them over: strings as LongString.
        h.replaceAll((k, v) -> v instanceof String s ? LongStringHelper.asLongString(s) : v);
        change.accept(h);
        return new AMQP.BasicProperties.Builder()
                .contentType(CeleryProtocol.CONTENT_TYPE_JSON)
                .contentEncoding("utf-8")
                .headers(h)
                .build();
    }

    static AMQP.BasicProperties task(String name) {
        return task(name, h -> {});
    }

    static AMQP.BasicProperties plain(String contentType) {
        return new AMQP.BasicProperties.Builder().contentType(contentType).build();
    }

    static String body(String args, String kwargs) {
        return "[" + args + ", " + kwargs + ", " + EMBED + "]";
    }

    static Stream<Arguments> refused() {
        String q1 = CeleryProtocol.TASK_ORDERS;
        String celeryOrder = body("[" + ORDER + "]", "{}");
        return Stream.of(
                // plain JSON: as before
                Arguments.of(
                        "plain: not JSON",
                        plain("application/json"),
                        "nope",
                        Rejection.INVALID_JSON),
                Arguments.of(
                        "plain: wrong shape", plain(null), "{\"hello\": 1}", Rejection.WRONG_SHAPE),
                Arguments.of(
                        "plain: payment on the orders queue",
                        plain("application/json"),
                        PAYMENT,
                        Rejection.WRONG_TYPE),
                Arguments.of(
                        "plain: pickle content type, never read",
                        plain("application/x-python-serialize"),
                        "\u0080\u0004garbage",
                        Rejection.UNSUPPORTED_CONTENT_TYPE),
                Arguments.of(
                        "plain: yaml",
                        plain("application/x-yaml"),
                        "id: 1",
                        Rejection.UNSUPPORTED_CONTENT_TYPE),
                Arguments.of(
                        "plain: msgpack",
                        plain("application/x-msgpack"),
                        "\u0081",
                        Rejection.UNSUPPORTED_CONTENT_TYPE),
                Arguments.of(
                        "protocol 1, JSON",
                        plain("application/json"),
                        "{\"task\": \""
                                + q1
                                + "\", \"id\": \"t\", \"args\": ["
                                + ORDER
                                + "], \"kwargs\": {}, \"retries\": 0}",
                        Rejection.CELERY_PROTOCOL_1),
                // Celery protocol 2
                Arguments.of(
                        "celery: pickle",
                        task(q1, h -> {})
                                .builder()
                                .contentType("application/x-python-serialize")
                                .build(),
                        "\u0080\u0004garbage",
                        Rejection.UNSUPPORTED_CONTENT_TYPE),
                Arguments.of(
                        "celery: no content type",
                        task(q1).builder().contentType(null).build(),
                        celeryOrder,
                        Rejection.UNSUPPORTED_CONTENT_TYPE),
                Arguments.of(
                        "celery: compressed",
                        task(q1, h -> h.put("compression", "application/x-gzip")),
                        celeryOrder,
                        Rejection.UNSUPPORTED_CONTENT_TYPE),
                Arguments.of(
                        "celery: unknown task",
                        task("app.tasks.other"),
                        celeryOrder,
                        Rejection.UNKNOWN_TASK),
                Arguments.of(
                        "celery: no id",
                        task(q1, h -> h.remove("id")),
                        celeryOrder,
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        "celery: retries not a number",
                        task(q1, h -> h.put("retries", "many")),
                        celeryOrder,
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        "celery: eta not a time",
                        task(q1, h -> h.put("eta", "tomorrow")),
                        celeryOrder,
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        "celery: expired",
                        task(q1, h -> h.put("expires", "2026-11-29T11:59:59.999+00:00")),
                        celeryOrder,
                        Rejection.EXPIRED),
                Arguments.of(
                        "celery: expires exactly now",
                        task(q1, h -> h.put("expires", "2026-11-29T12:00:00+00:00")),
                        celeryOrder,
                        Rejection.EXPIRED),
                Arguments.of("celery: body not JSON", task(q1), "[[{", Rejection.INVALID_JSON),
                Arguments.of("celery: body an object", task(q1), ORDER, Rejection.WRONG_SHAPE),
                Arguments.of(
                        "celery: body of two parts",
                        task(q1),
                        "[[" + ORDER + "], {}]",
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        "celery: two positional args",
                        task(q1),
                        body("[" + ORDER + ", 1]", "{}"),
                        Rejection.WRONG_SHAPE),
                Arguments.of("celery: no args", task(q1), body("[]", "{}"), Rejection.WRONG_SHAPE),
                Arguments.of(
                        "celery: payload twice",
                        task(q1),
                        body("[" + ORDER + "]", "{\"payload\": " + ORDER + "}"),
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        "celery: payload not an object",
                        task(q1),
                        body("[\"ORD-1\"]", "{}"),
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        "celery: unexpected keyword",
                        task(q1),
                        body("[" + ORDER + "]", "{\"priority\": 5}"),
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        "celery: payment for the order task",
                        task(q1),
                        body("[" + PAYMENT + "]", "{}"),
                        Rejection.WRONG_TYPE),
                Arguments.of(
                        "celery: wrong shape inside",
                        task(q1),
                        body(
                                "[" + ORDER.replace("\"quantity\": 2", "\"quantity\": \"2\"") + "]",
                                "{}"),
                        Rejection.WRONG_SHAPE),
                Arguments.of(
                        "celery: oversized",
                        task(q1),
                        body("[" + ORDER.replace("Fragile", "x".repeat(MAX)) + "]", "{}"),
                        Rejection.OVERSIZED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithTheReason(
            String name, AMQP.BasicProperties props, String body, Rejection expected) {
        Delivery d = ORDERS_QUEUE.decode(body.getBytes(StandardCharsets.UTF_8), props, NOW);
        assertThat(d).isInstanceOf(Delivery.Refuse.class);
        Delivery.Refuse r = (Delivery.Refuse) d;
        assertThat(r.reason()).isEqualTo(expected);
        assertThat(r.detail()).isNotBlank();
    }

    static Stream<Arguments> run() {
        String q1 = CeleryProtocol.TASK_ORDERS;
        String q2 = CeleryProtocol.TASK_PAYMENTS;
        return Stream.of(
                Arguments.of("plain order, no properties", null, ORDER, "ORD-1", Order.class, null),
                Arguments.of(
                        "plain order with other headers",
                        new AMQP.BasicProperties.Builder()
                                .headers(Map.of("x-trace", "abc"))
                                .build(),
                        ORDER,
                        "ORD-1",
                        Order.class,
                        null),
                Arguments.of(
                        "celery order",
                        task(q1),
                        body("[" + ORDER + "]", "{}"),
                        "ORD-1",
                        Order.class,
                        "task-1"),
                Arguments.of(
                        "celery payment on the orders queue: the task picks the function",
                        task(q2),
                        body("[" + PAYMENT + "]", "{}"),
                        "PAY-1",
                        Payment.class,
                        "task-1"),
                Arguments.of(
                        "celery payload as keyword",
                        task(q1),
                        body("[]", "{\"payload\": " + ORDER + "}"),
                        "ORD-1",
                        Order.class,
                        "task-1"),
                Arguments.of(
                        "celery keyword sets a field",
                        task(q1),
                        body("[" + ORDER + "]", "{\"id\": \"ORD-2\"}"),
                        "ORD-2",
                        Order.class,
                        "task-1"),
                Arguments.of(
                        "celery eta passed",
                        task(q1, h -> h.put("eta", "2026-11-29T11:00:00+00:00")),
                        body("[" + ORDER + "]", "{}"),
                        "ORD-1",
                        Order.class,
                        "task-1"),
                Arguments.of(
                        "celery expires later, naive UTC time",
                        task(q1, h -> h.put("expires", "2026-11-29T12:00:01")),
                        body("[" + ORDER + "]", "{}"),
                        "ORD-1",
                        Order.class,
                        "task-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("run")
    void runsTheFunctionForThePayload(
            String name,
            AMQP.BasicProperties props,
            String body,
            String id,
            Class<?> type,
            String taskId) {
        Delivery d = ORDERS_QUEUE.decode(body.getBytes(StandardCharsets.UTF_8), props, NOW);
        assertThat(d).isInstanceOf(Delivery.Run.class);
        Delivery.Run run = (Delivery.Run) d;
        assertThat(run.message().id()).isEqualTo(id);
        assertThat(run.message()).isInstanceOf(type);
        assertThat(run.task() == null ? null : run.task().id()).isEqualTo(taskId);
        assertThat(run.format())
                .isEqualTo(taskId == null ? Delivery.Format.JSON : Delivery.Format.CELERY);
    }

    @Test
    void readsRetriesAndIgnoreResult() {
        Delivery.Run run =
                (Delivery.Run)
                        ORDERS_QUEUE.decode(
                                body("[" + ORDER + "]", "{}").getBytes(StandardCharsets.UTF_8),
                                task(
                                        CeleryProtocol.TASK_ORDERS,
                                        h -> {
                                            h.put("retries", 2);
                                            h.put("ignore_result", true);
                                        }),
                                NOW);
        assertThat(run.priorAttempts()).isEqualTo(2);
        assertThat(run.task().resultWanted()).isFalse();
        Delivery.Run wanted =
                (Delivery.Run)
                        ORDERS_QUEUE.decode(
                                body("[" + ORDER + "]", "{}").getBytes(StandardCharsets.UTF_8),
                                task(CeleryProtocol.TASK_ORDERS),
                                NOW);
        assertThat(wanted.task().resultWanted()).isTrue();
        assertThat(wanted.priorAttempts()).isZero();
    }

    @Test
    void anEtaAheadIsDeferredByWhatIsLeft() {
        Delivery d =
                ORDERS_QUEUE.decode(
                        body("[" + ORDER + "]", "{}").getBytes(StandardCharsets.UTF_8),
                        task(
                                CeleryProtocol.TASK_ORDERS,
                                h -> h.put("eta", "2026-11-29T12:00:02.500000+00:00")),
                        NOW);
        assertThat(d).isEqualTo(new Delivery.Defer(((Delivery.Defer) d).task(), 2_500));
        // An expiry that has passed wins over an eta still ahead: the task is never run.
        Delivery e =
                ORDERS_QUEUE.decode(
                        body("[" + ORDER + "]", "{}").getBytes(StandardCharsets.UTF_8),
                        task(
                                CeleryProtocol.TASK_ORDERS,
                                h -> {
                                    h.put("eta", "2026-11-29T12:00:05+00:00");
                                    h.put("expires", "2026-11-29T11:00:00+00:00");
                                }),
                        NOW);
        assertThat(((Delivery.Refuse) e).reason()).isEqualTo(Rejection.EXPIRED);
    }

    @Test
    void aMappedTaskNameSelectsItsFunction() {
        DeliveryDecoder custom =
                new DeliveryDecoder(
                        MessageKind.ORDER,
                        MAX,
                        TaskMapping.parse(
                                java.util.Optional.of(
                                        java.util.List.of("billing.charge=processPayment"))));
        Delivery d =
                custom.decode(
                        body("[" + PAYMENT + "]", "{}").getBytes(StandardCharsets.UTF_8),
                        task("billing.charge"),
                        NOW);
        assertThat(((Delivery.Run) d).message()).isInstanceOf(Payment.class);
        Delivery old =
                custom.decode(
                        body("[" + ORDER + "]", "{}").getBytes(StandardCharsets.UTF_8),
                        task(CeleryProtocol.TASK_ORDERS),
                        NOW);
        assertThat(((Delivery.Refuse) old).reason()).isEqualTo(Rejection.UNKNOWN_TASK);
    }
}
