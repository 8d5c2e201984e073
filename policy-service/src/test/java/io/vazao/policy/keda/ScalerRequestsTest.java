package io.vazao.policy.keda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.vazao.policy.keda.grpc.ScaledObjectRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalerRequestsTest {

    @ParameterizedTest
    @CsvSource({
        "business_queue_1, vazao-target-business-queue-1",
        "Orders.EU,        vazao-target-orders-eu",
        "__x__,            vazao-target-x",
        "___,              vazao-target-queue"
    })
    void metricNamesAreValidForTheHpa(String queue, String expected) {
        assertEquals(expected, ScalerRequests.metricName(queue));
    }

    @Test
    void queueComesFromTriggerMetadata() {
        ScaledObjectRef ref =
                ScaledObjectRef.newBuilder()
                        .setName("orders")
                        .setNamespace("vazao")
                        .putScalerMetadata("queue", " business_queue_1 ")
                        .putScalerMetadata("scalerAddress", "vazao-policy:9090")
                        .build();
        assertEquals("business_queue_1", ScalerRequests.queueOf(ref));
    }

    @ParameterizedTest
    @CsvSource(
            value = {"<none>", "''", "'  '"},
            nullValues = "<none>")
    void missingQueueIsInvalidArgumentNamingTheScaledObject(String queue) {
        ScaledObjectRef.Builder ref =
                ScaledObjectRef.newBuilder().setName("orders").setNamespace("vazao");
        if (queue != null) {
            ref.putScalerMetadata("queue", queue);
        }
        StatusRuntimeException e =
                assertThrows(
                        StatusRuntimeException.class, () -> ScalerRequests.queueOf(ref.build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(
                e.getStatus().getDescription().contains("vazao/orders"),
                e.getStatus().getDescription());
    }
}
