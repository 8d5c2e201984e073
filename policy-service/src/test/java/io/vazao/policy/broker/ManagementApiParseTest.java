package io.vazao.policy.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vazao.contract.Json;
import org.junit.jupiter.api.Test;

class ManagementApiParseTest {

    @Test
    void readsDepthConsumersAndRates() throws Exception {
        var node =
                Json.mapper()
                        .readTree(
                                """
                {"name":"q","messages_ready":120,"messages_unacknowledged":7,"consumers":3,
                 "message_stats":{"publish_details":{"rate":12.5},"ack_details":{"rate":9.0},
                                  "deliver_get_details":{"rate":11.0}}}""");
        assertEquals(
                new QueueFigures(120, 7, 3, 12.5, 9.0, 4L, true, false),
                ManagementApi.parse(node, 4L));
    }

    @Test
    void autoAckConsumersCountDeliveriesAndAnIdleQueueHasZeroRates() throws Exception {
        var autoAck =
                Json.mapper()
                        .readTree(
                                """
                {"messages_ready":0,"messages_unacknowledged":0,"consumers":1,
                 "message_stats":{"deliver_get_details":{"rate":5.0}}}""");
        assertEquals(5.0, ManagementApi.parse(autoAck, null).ackRate());
        var idle = Json.mapper().readTree("{\"messages_ready\":3,\"consumers\":0}");
        assertEquals(
                new QueueFigures(3, 0, 0, 0.0, 0.0, null, true, false),
                ManagementApi.parse(idle, null));
    }

    @Test
    void encodesVhostAndQueueNames() {
        assertEquals("%2F", ManagementApi.encode("/"));
        assertEquals("a%20b", ManagementApi.encode("a b"));
    }
}
