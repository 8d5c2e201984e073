package io.vazao.engine;

import static io.vazao.engine.Fixtures.adaptive;
import static io.vazao.engine.Fixtures.at;
import static io.vazao.engine.Fixtures.budget;
import static io.vazao.engine.Fixtures.inputs;
import static io.vazao.engine.Fixtures.only;
import static io.vazao.engine.Fixtures.queue;
import static io.vazao.engine.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.vazao.contract.Policy;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArrivalForecastTest {

    /** Feeds one rate per second for {@code ticks} ticks; returns the forecast {@code h} ahead. */
    static double forecastAfter(int ticks, IntToDoubleFunction rate, int season, int h) {
        ArrivalForecast.State s = null;
        for (int t = 0; t < ticks; t++) {
            s = ArrivalForecast.update(s, rate.applyAsDouble(t), t * 1000L, season, 1000);
        }
        return ArrivalForecast.at(s, h);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, ticks, rate(t), season, horizon, expected low, expected high
                Arguments.of(
                        "steady stays steady", 60, (IntToDoubleFunction) t -> 100, 0, 5, 100, 100),
                Arguments.of(
                        "nothing forecasts nothing", 60, (IntToDoubleFunction) t -> 0, 0, 5, 0, 0),
                // A ramp of +2/s per second, rate 118 at the last tick: 5 s ahead about 128 (the
                // level lags a ramp by a little).
                Arguments.of(
                        "a ramp is followed ahead",
                        60,
                        (IntToDoubleFunction) t -> 2.0 * t,
                        0,
                        5,
                        120,
                        130),
                // Falling load: the forecast goes down, never below 0.
                Arguments.of(
                        "a fall is followed down to 0",
                        60,
                        (IntToDoubleFunction) t -> Math.max(0, 300 - 10.0 * t),
                        0,
                        5,
                        0,
                        1),
                // Spikes of 1000/s for one tick every 20 s over 10/s: after 8 seasons, 5 s before a
                // spike the season says most of it (tick 155: the next spike is at 160).
                Arguments.of(
                        "a learned season announces the next spike",
                        156,
                        (IntToDoubleFunction) t -> t % 20 == 0 ? 1000 : 10,
                        20,
                        5,
                        500,
                        1000),
                Arguments.of(
                        "without a season the spike is not announced",
                        156,
                        (IntToDoubleFunction) t -> t % 20 == 0 ? 1000 : 10,
                        0,
                        5,
                        0,
                        60));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forecasts(
            String name,
            int ticks,
            IntToDoubleFunction rate,
            int season,
            int h,
            double lo,
            double hi) {
        double f = forecastAfter(ticks, rate, season, h);
        assertTrue(f >= lo - 1e-6 && f <= hi + 1e-6, name + ": forecast " + f);
    }

    @Test
    void theForecastStaysBetweenZeroAndTwiceTheHighestRateSeen() {
        qt().withExamples(500)
                .forAll(
                        lists().of(doubles().between(0, 10_000)).ofSizeBetween(1, 80),
                        integers().between(0, 120),
                        integers().between(0, 60))
                .checkAssert(
                        (rates, season, h) -> {
                            ArrivalForecast.State s = null;
                            double max = 0;
                            for (int t = 0; t < rates.size(); t++) {
                                s =
                                        ArrivalForecast.update(
                                                s, rates.get(t), t * 1000L, season, 1000);
                                max = Math.max(max, rates.get(t));
                            }
                            double f = ArrivalForecast.at(s, h);
                            assertTrue(
                                    f >= 0 && f <= 2 * max + 1e-9,
                                    "forecast " + f + ", max " + max);
                        });
    }

    @Test
    void aRisingRateRaisesTheTargetAheadAndSaysWhy() {
        AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();
        Policy ahead = adaptive(1, 1, 50, 10.0, 30, 30);
        Policy off = ahead.toBuilder().forecastSeconds(0).build();
        History withForecast = History.empty();
        History without = History.empty();
        Decision a = null;
        Decision b = null;
        // Arrivals rise by 10/s every second; each worker handles 10/s.
        for (int t = 0; t <= 10; t++) {
            var s = snapshot(queue("q", inputs(0, 0, 10.0 * t, 1, 10.0)));
            Outcome o1 = engine.decide(s, Map.of("q", ahead), budget(100), withForecast, at(t));
            Outcome o2 = engine.decide(s, Map.of("q", off), budget(100), without, at(t));
            withForecast = o1.history();
            without = o2.history();
            a = only(o1);
            b = only(o2);
        }
        // Without a forecast a ramp is followed a sustain window (3 s at a 30 s drain) behind.
        assertEquals(8, b.target(), b.reason());
        assertTrue(b.reason().contains("(100/s now, not sustained over 3 s"), b.reason());
        assertTrue(a.target() >= 10, a.reason());
        assertTrue(a.target() > b.target(), a.reason());
        assertTrue(a.reason().contains("(forecast "), a.reason());
        assertTrue(a.reason().contains("/s arrivals in 5 s)"), a.reason());
        assertFalse(b.reason().contains("forecast"), b.reason());
        assertNull(without.of("q").forecast());
    }

    @Test
    void aForecastNeverLowersTheDemandOfNow() {
        AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();
        Policy p = adaptive(1, 1, 50, 10.0, 30, 0);
        History h = History.empty();
        Decision d = null;
        // 200/s for a minute, then it falls to 100/s: the forecast (falling) must not go below now.
        for (int t = 0; t <= 62; t++) {
            double rate = t < 60 ? 200 : 100;
            Outcome o =
                    engine.decide(
                            snapshot(queue("q", inputs(0, 0, rate, 10, 10.0))),
                            Map.of("q", p),
                            budget(100),
                            h,
                            at(t));
            h = o.history();
            d = only(o);
        }
        assertEquals(10, d.demand(), d.reason());
    }
}
