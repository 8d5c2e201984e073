package io.vazao.functions.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import io.vazao.functions.broker.DeadLetterPublisher;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedeliveryGuardTest {

    @ParameterizedTest(name = "{0} redeliveries, limit {1} -> over {2}")
    @CsvSource({
        "0, 5, false",
        "4, 5, false",
        "5, 5, true",
        "9, 5, true",
        "1, 1, true",
        "100, 0, false", // 0 turns the limit off
    })
    void theLimitCountsRedeliveries(long redeliveries, int limit, boolean over) {
        assertEquals(over, RedeliveryGuard.over(redeliveries, limit));
    }

    @Test
    void aMessageIsKnownByItsIdElseByItsBody() {
        byte[] body = "{\"id\":\"ORD-1\"}".getBytes(StandardCharsets.UTF_8);
        AMQP.BasicProperties withId = new AMQP.BasicProperties.Builder().messageId("ORD-1").build();
        assertEquals("id:ORD-1", RedeliveryGuard.identity(withId, body));
        String byBody = RedeliveryGuard.identity(new AMQP.BasicProperties(), body);
        assertTrue(
                byBody.startsWith("sha256:") && byBody.length() == "sha256:".length() + 64, byBody);
        assertEquals(byBody, RedeliveryGuard.identity(null, body));
        assertNotEquals(
                byBody, RedeliveryGuard.identity(null, "other".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                RedeliveryGuard.identity(null, new byte[0]), RedeliveryGuard.identity(null, null));
    }

    @ParameterizedTest(name = "detail of {0} chars -> {1} chars")
    @CsvSource({"0, 0", "999, 999", "1000, 1000", "1001, 1000", "5000000, 1000"})
    void theDetailHeaderIsClipped(int length, int clipped) {
        String detail = "x".repeat(length);
        String header = DeadLetterPublisher.clip(detail);
        assertEquals(clipped, header.length());
        assertEquals(length > clipped, header.endsWith("…"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "policy {0}, worker {1} -> {2}")
    @org.junit.jupiter.params.provider.CsvSource({",5,5", "2,5,2", "0,5,0", "10,0,10", ",0,0"})
    void thePolicysLimitWinsOverTheWorkersWhenItSetsOne(Integer policy, int worker, int limit) {
        assertEquals(limit, RedeliveryGuard.effective(policy, worker));
    }

    @Test
    void aQuorumQueuesOwnCountIsUsedWithoutRedis() {
        RedeliveryGuard.Limit five =
                new RedeliveryGuard.Limit() {
                    @Override
                    public int limit() {
                        return 5;
                    }

                    @Override
                    public java.time.Duration memory() {
                        return java.time.Duration.ofHours(1);
                    }
                };
        // No Redis at all: a header count must not need it.
        RedeliveryGuard guard =
                new RedeliveryGuard(
                        null,
                        new io.vazao.contract.RedisKeys("t:"),
                        new io.vazao.functions.config.QueueBinding(
                                "q",
                                "business_exchange",
                                "q",
                                io.vazao.functions.payload.MessageKind.ORDER),
                        five);
        AMQP.BasicProperties counted =
                new AMQP.BasicProperties.Builder()
                        .headers(java.util.Map.of(RedeliveryGuard.BROKER_COUNT, 3L))
                        .build();
        assertEquals(3, guard.redelivered(counted, new byte[0]));
        guard.settled(counted, new byte[0]);
        guard.givenBack(counted, new byte[0]);
        assertEquals(null, RedeliveryGuard.brokerCount(new AMQP.BasicProperties()));
        assertEquals(null, RedeliveryGuard.brokerCount(null));
        assertEquals(
                7L,
                RedeliveryGuard.brokerCount(
                        new AMQP.BasicProperties.Builder()
                                .headers(java.util.Map.of(RedeliveryGuard.BROKER_COUNT, 7))
                                .build()));
    }
}
