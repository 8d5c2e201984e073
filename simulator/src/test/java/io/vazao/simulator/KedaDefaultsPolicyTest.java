package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KedaDefaultsPolicyTest {

    @ParameterizedTest(name = "messages={0} current={1} -> {2}")
    @CsvSource({
        "0, 1, 0",
        "20, 1, 1", // exactly on target
        "21, 1, 1", // ratio 1.05: inside the 10 % tolerance
        "22, 1, 2", // ratio 1.1 is 1.1000000000000001 in floating point, as in the HPA's Go code
        "23, 1, 2", // ratio 1.15: ceil(23 / 20)
        "180, 10, 10", // ratio 0.9: inside the tolerance
        "179, 10, 9", // ceil(8.95)
        "200, 10, 10",
        "20000, 1, 1000",
    })
    void replicaCalculatorWithTolerance(long messages, int current, int expected) {
        assertEquals(expected, KedaDefaultsPolicy.proposal(messages, current));
    }

    @ParameterizedTest(name = "current={0} messages={1} max={2} -> {3}")
    @CsvSource({
        "1, 20000, 10, 5", // max(+100 %, +4) from 1 is +4
        "2, 20000, 100, 6",
        "5, 20000, 10, 10", // the ceiling
        "5, 20000, 100, 10", // +100 % beats +4 from 5
        "10, 20000, 100, 20",
        "2, 100, 100, 5", // below the rate limit: ceil(100 / 20)
        "3, 0, 10, 1", // a fresh HPA has no earlier recommendation to hold it up
    })
    void oneHpaSyncFromAFreshState(int current, long messages, int max, int expected) {
        KedaDefaultsPolicy.QueueState s = new KedaDefaultsPolicy.QueueState(current, 0);
        assertEquals(expected, KedaDefaultsPolicy.hpa(s, messages, 0, max));
    }

    @Test
    void scaleUpRateIsPerFifteenSecondsFromThePeriodStart() {
        KedaDefaultsPolicy.QueueState s = new KedaDefaultsPolicy.QueueState(1, 0);
        s.replicas = KedaDefaultsPolicy.hpa(s, 20_000, 0, 100);
        assertEquals(5, s.replicas);
        s.replicas = KedaDefaultsPolicy.hpa(s, 20_000, 15, 100);
        assertEquals(10, s.replicas);
        s.replicas = KedaDefaultsPolicy.hpa(s, 20_000, 30, 100);
        assertEquals(20, s.replicas);
    }

    @Test
    void scaleDownWaitsForTheHighestRecommendationOfThreeHundredSeconds() {
        KedaDefaultsPolicy.QueueState s = new KedaDefaultsPolicy.QueueState(10, 0);
        s.replicas = KedaDefaultsPolicy.hpa(s, 200, 0, 10);
        assertEquals(10, s.replicas);
        for (int t = 15; t < 300; t += 15) {
            s.replicas = KedaDefaultsPolicy.hpa(s, 0, t, 10);
            assertEquals(10, s.replicas, "t=" + t);
        }
        s.replicas = KedaDefaultsPolicy.hpa(s, 0, 300, 10);
        assertEquals(1, s.replicas, "the HPA's floor is one replica; KEDA takes it to zero");
    }

    @ParameterizedTest(name = "replicas={0} messages={1} lastActive={2} t={3} -> {4}")
    @CsvSource({
        "0, 5, 0, 30, 1", // activation: any message
        "0, 0, 0, 30, 0",
        "1, 0, 0, 270, 1", // inside the cooldown
        "1, 0, 0, 300, 0", // cooldown elapsed: to zero
        "4, 0, 100, 390, 4",
        "4, 3, 0, 600, 4", // still active
    })
    void kedaActivationAndCooldown(
            int replicas, long messages, double lastActive, double t, int expected) {
        KedaDefaultsPolicy.QueueState s = new KedaDefaultsPolicy.QueueState(replicas, lastActive);
        assertEquals(expected, KedaDefaultsPolicy.activation(s, messages, t));
    }

    @Test
    void fromZeroOnlyKedasThirtySecondPollActivates() {
        KedaDefaultsPolicy keda = new KedaDefaultsPolicy(10);
        Map<String, Observation> busy = Map.of("q", new Observation(500, 0, 50, 0, 0, 0));
        Map<String, Observation> idle = Map.of("q", new Observation(0, 0, 0, 0, 0, 0));
        assertEquals(0, keda.decide(0, idle, Map.of("q", 0)).get("q"));
        assertEquals(
                0,
                keda.decide(15, busy, Map.of("q", 0)).get("q"),
                "the HPA does not scale from zero");
        // At the poll KEDA activates to 1 and the HPA, in the same pass, applies its +4 limit.
        assertEquals(5, keda.decide(30, busy, Map.of("q", 0)).get("q"));
    }

    @Test
    void metricIsReadyPlusUnacked() {
        KedaDefaultsPolicy keda = new KedaDefaultsPolicy(10);
        Map<String, Integer> targets =
                keda.decide(0, Map.of("q", new Observation(0, 100, 0, 0, 1, 0)), Map.of("q", 1));
        assertEquals(5, targets.get("q"));
    }
}
