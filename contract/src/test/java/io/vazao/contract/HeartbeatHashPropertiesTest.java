package io.vazao.contract;

import static io.vazao.testsupport.Generators.LETTERS;
import static io.vazao.testsupport.Generators.decimals;
import static io.vazao.testsupport.Generators.qtAtLeast;
import static io.vazao.testsupport.Generators.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class HeartbeatHashPropertiesTest {

    @Test
    void heartbeatSurvivesTheRedisHash() {
        Gen<String> ids = strings(LETTERS, 1, 20);
        Gen<Integer> ports = integers().between(0, 65535);
        Gen<Long> processed = longs().between(0, Long.MAX_VALUE);
        Gen<Double> cpu = decimals(0, 800);
        Gen<WorkerState> states = Generate.enumValues(WorkerState.class);
        Gen<Heartbeat> heartbeats =
                in ->
                        new Heartbeat(
                                ids.generate(in),
                                "business_queue_1",
                                "host-a",
                                4242,
                                ports.generate(in),
                                1000,
                                2000,
                                processed.generate(in),
                                3,
                                7,
                                cpu.generate(in),
                                134_217_728L,
                                states.generate(in),
                                "0.1.0");
        qtAtLeast(200)
                .forAll(heartbeats)
                .checkAssert(hb -> assertEquals(hb, Heartbeat.fromHash(hb.toHash())));
    }
}
