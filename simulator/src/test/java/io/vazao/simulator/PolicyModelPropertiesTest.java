package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The KEDA and seed models keep their documented limits whatever the queue does. */
class PolicyModelPropertiesTest {

    @Property(tries = 200)
    void hpaNeverOutrunsItsRateLimitNorDropsInsideTheWindow(
            @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 0, max = 50_000) Long> messages,
            @ForAll @IntRange(min = 1, max = 100) int max) {
        KedaDefaultsPolicy.QueueState s = new KedaDefaultsPolicy.QueueState(1, 0);
        List<int[]> proposals = new ArrayList<>(); // {t, proposal}
        for (int i = 0; i < messages.size(); i++) {
            int t = i * 15;
            int before = s.replicas;
            proposals.add(new int[] {t, KedaDefaultsPolicy.proposal(messages.get(i), before)});
            s.replicas = KedaDefaultsPolicy.hpa(s, messages.get(i), t, max);
            assertTrue(s.replicas >= 1 && s.replicas <= max, "within [1, max]: " + s.replicas);
            assertTrue(s.replicas <= Math.max(before * 2, before + 4), before + " -> " + s.replicas);
            if (s.replicas < before) {
                int highest = proposals.stream().filter(p -> p[0] > t - 300).mapToInt(p -> p[1]).max().orElse(0);
                assertTrue(s.replicas >= Math.min(before, Math.max(1, highest)),
                        "a drop never goes below the highest recommendation of the last 300 s");
            }
        }
    }

    @Property(tries = 200)
    void seedTargetStaysWithinItsClamp(@ForAll @LongRange(min = 0, max = 10_000_000) long ready,
                                       @ForAll @DoubleRange(min = 0, max = 1) double weight,
                                       @ForAll @IntRange(min = 1, max = 50) int max) {
        int target = SeedPolicy.target(ready, weight, max);
        assertTrue(target >= 1 && target <= max);
    }
}
