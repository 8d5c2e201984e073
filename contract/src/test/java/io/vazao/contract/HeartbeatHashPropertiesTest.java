package io.vazao.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class HeartbeatHashPropertiesTest {

    @Property(tries = 200)
    void heartbeatSurvivesTheRedisHash(
            @ForAll @AlphaChars @StringLength(min = 1, max = 20) String id,
            @ForAll @IntRange(min = 0, max = 65535) int port,
            @ForAll @LongRange(min = 0) long processed,
            @ForAll @DoubleRange(min = 0, max = 800) double cpu,
            @ForAll WorkerState state) {
        Heartbeat hb = new Heartbeat(id, "business_queue_1", "host-a", 4242, port, 1000, 2000, processed, 3, 7,
                cpu, 134_217_728L, state, "0.1.0");
        assertEquals(hb, Heartbeat.fromHash(hb.toHash()));
    }
}
