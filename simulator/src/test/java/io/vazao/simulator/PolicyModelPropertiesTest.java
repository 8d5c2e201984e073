package io.vazao.simulator;

import static io.vazao.testsupport.Generators.decimals;
import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The KEDA and seed models keep their documented limits whatever the queue does. */
class PolicyModelPropertiesTest {

    @Test
    void hpaNeverOutrunsItsRateLimitNorDropsInsideTheWindow() {
        Gen<List<Long>> readings = lists().of(longs().between(0, 50_000)).ofSizeBetween(1, 60);
        qtAtLeast(200)
                .forAll(readings, integers().between(1, 100))
                .checkAssert(
                        (messages, max) -> {
                            KedaDefaultsPolicy.QueueState s =
                                    new KedaDefaultsPolicy.QueueState(1, 0);
                            List<int[]> proposals = new ArrayList<>(); // {t, proposal}
                            for (int i = 0; i < messages.size(); i++) {
                                int t = i * 15;
                                int before = s.replicas;
                                proposals.add(
                                        new int[] {
                                            t, KedaDefaultsPolicy.proposal(messages.get(i), before)
                                        });
                                s.replicas = KedaDefaultsPolicy.hpa(s, messages.get(i), t, max);
                                assertTrue(
                                        s.replicas >= 1 && s.replicas <= max,
                                        "within [1, max]: " + s.replicas);
                                assertTrue(
                                        s.replicas <= Math.max(before * 2, before + 4),
                                        before + " -> " + s.replicas);
                                if (s.replicas < before) {
                                    int highest =
                                            proposals.stream()
                                                    .filter(p -> p[0] > t - 300)
                                                    .mapToInt(p -> p[1])
                                                    .max()
                                                    .orElse(0);
                                    assertTrue(
                                            s.replicas >= Math.min(before, Math.max(1, highest)),
                                            "a drop never goes below the highest recommendation of the last 300 s");
                                }
                            }
                        });
    }

    @Test
    void seedTargetStaysWithinItsClamp() {
        Gen<Long> readies = longs().between(0, 10_000_000);
        qtAtLeast(200)
                .forAll(readies, decimals(0, 1), integers().between(1, 50))
                .checkAssert(
                        (ready, weight, max) -> {
                            int target = SeedPolicy.target(ready, weight, max);
                            assertTrue(target >= 1 && target <= max);
                        });
    }
}
