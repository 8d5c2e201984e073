package io.vazao.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.vazao.contract.CeleryProtocol;
import io.vazao.contract.Json;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing to the real RabbitMQ, into queues of the test's own. */
class LoadGeneratorIT {

    static final String URI = "amqp://guest:guest@127.0.0.1:5672";
    String orders = "t-load-orders-" + UUID.randomUUID().toString().substring(0, 8);
    String payments = "t-load-payments-" + UUID.randomUUID().toString().substring(0, 8);
    Connection connection;
    Channel channel;

    @BeforeEach
    void setUp() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(URI);
        connection = f.newConnection();
        channel = connection.createChannel();
        channel.queueDeclare(orders, false, false, false, null);
        channel.queueDeclare(payments, false, false, false, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        channel.queueDelete(orders);
        channel.queueDelete(payments);
        connection.close();
    }

    LoadGenerator generator(String runId) {
        return new LoadGenerator(
                new LoadGenerator.Options(URI, runId, 1, 500, null, Set.of(payments)));
    }

    @Test
    void everyMessageIsConfirmedAndArrivesOnceWithItsId() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(orders, 1500L);
        counts.put(payments, 1000L);
        LoadGenerator.Result r = generator("it1").run(LoadPlan.counts(counts, 0));
        assertEquals(2500, r.totalSent());
        assertEquals(2500, r.confirmed());
        assertTrue(r.complete(), r.summary());

        Set<String> ids = new HashSet<>();
        for (String q : new String[] {orders, payments}) {
            GetResponse g;
            while ((g = channel.basicGet(q, true)) != null) {
                var body = Json.mapper().readTree(g.getBody());
                assertEquals(g.getProps().getMessageId(), body.get("id").asText());
                assertEquals(q.equals(payments) ? "payment" : "order", body.get("type").asText());
                assertTrue(ids.add(body.get("id").asText()), "duplicate " + body.get("id"));
            }
        }
        assertEquals(2500, ids.size());
        for (int i = 0; i < 1500; i++) {
            assertTrue(ids.contains(Payloads.orderId("it1", i)));
        }
        for (int i = 0; i < 1000; i++) {
            assertTrue(ids.contains(Payloads.paymentId("it1", i)));
        }
    }

    @Test
    void celeryTaskMessagesCarryTheSamePayloadsWithTheOldTaskNames() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(orders, 20L);
        counts.put(payments, 20L);
        LoadGenerator.Result r =
                new LoadGenerator(
                                new LoadGenerator.Options(
                                        URI,
                                        "it3",
                                        1,
                                        500,
                                        null,
                                        Set.of(payments),
                                        WireFormat.CELERY))
                        .run(LoadPlan.counts(counts, 0));
        assertTrue(r.complete(), r.summary());
        for (String q : new String[] {orders, payments}) {
            GetResponse g;
            int n = 0;
            while ((g = channel.basicGet(q, true)) != null) {
                var headers = g.getProps().getHeaders();
                var body = Json.mapper().readTree(g.getBody());
                var payload = body.get(0).get(0);
                assertEquals(
                        q.equals(payments)
                                ? CeleryProtocol.TASK_PAYMENTS
                                : CeleryProtocol.TASK_ORDERS,
                        headers.get(CeleryProtocol.H_TASK).toString());
                assertEquals(
                        payload.get("id").asText(), headers.get(CeleryProtocol.H_ID).toString());
                assertEquals(payload.get("id").asText(), g.getProps().getCorrelationId());
                assertEquals(Boolean.TRUE, headers.get(CeleryProtocol.H_IGNORE_RESULT));
                assertEquals("application/json", g.getProps().getContentType());
                assertEquals(3, body.size());
                assertTrue(body.get(1).isEmpty());
                assertEquals(
                        q.equals(payments) ? "payment" : "order", payload.get("type").asText());
                n++;
            }
            assertEquals(20, n);
        }
    }

    @Test
    void aRateIsHeldAndMissingQueuesShowAsUnroutable() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(orders, 100L);
        counts.put("t-load-missing-" + UUID.randomUUID().toString().substring(0, 8), 100L);
        long start = System.nanoTime();
        LoadGenerator.Result r = generator("it2").run(LoadPlan.counts(counts, 100));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 1.9, "200 messages at 100/s take about 2 s, took " + seconds);
        assertEquals(200, r.confirmed());
        assertEquals(100, r.unroutable());
        assertTrue(!r.complete());
    }
}
