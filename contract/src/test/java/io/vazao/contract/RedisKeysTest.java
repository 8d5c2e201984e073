package io.vazao.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RedisKeysTest {

    private final RedisKeys keys = RedisKeys.defaults();

    @Test
    void layoutMatchesTheDesign() {
        assertEquals("vazao:policy:q1", keys.policy("q1"));
        assertEquals("vazao:settings", keys.settings());
        assertEquals("vazao:targets", keys.targets());
        assertEquals("vazao:target:q1", keys.target("q1"));
        assertEquals("vazao:worker:w1", keys.worker("w1"));
        assertEquals("vazao:workers:q1", keys.workers("q1"));
        assertEquals("vazao:events", keys.events());
        assertEquals("vazao:ratelimit:q1", keys.rateLimit("q1"));
        assertEquals("vazao:actual", keys.actual());
        assertEquals("vazao:generation", keys.generation());
        assertEquals("vazao:redeliveries:q1", keys.redeliveries("q1"));
        assertEquals("vazao:audit:processed:q1", keys.auditProcessed("q1"));
        assertEquals("vazao:audit:duplicates:q1", keys.auditDuplicates("q1"));
    }

    @Test
    void prefixGetsItsSeparator() {
        assertEquals("t42:targets", new RedisKeys("t42").targets());
    }

    @Test
    void policyKeyGivesItsQueueBack() {
        assertEquals("business_queue_2", keys.queueOfPolicyKey(keys.policy("business_queue_2")));
        assertNull(keys.queueOfPolicyKey("other:policy:x"));
    }

    @Test
    void blankNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> keys.policy(" "));
        assertThrows(IllegalArgumentException.class, () -> new RedisKeys(""));
    }
}
