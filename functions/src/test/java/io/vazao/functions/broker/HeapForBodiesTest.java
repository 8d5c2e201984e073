package io.vazao.functions.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeapForBodiesTest {

    @ParameterizedTest(name = "bodies up to {0} MiB in a {1} MiB heap: {2}")
    @CsvSource({
        // the scaler's defaults: 128 MiB bodies, -Xmx352m (the JVM reports a little less)
        "128, 340, true",
        "128, 303, false",
        "128, 96, false",
        "16, 96, true",
        "64, 176, true",
        "64, 175, false",
    })
    void aHeapHoldsTwiceTheBodyAndTheBase(int bodyMiB, long heapMiB, boolean enough) {
        assertEquals(enough, HeapForBodies.check(bodyMiB << 20, heapMiB << 20));
    }
}
