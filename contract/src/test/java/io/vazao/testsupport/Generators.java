package io.vazao.testsupport;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators and settings that the property tests of several modules share. */
public final class Generators {

    /**
     * Property tests use decimals with this many digits after the point unless they say otherwise.
     */
    public static final int DEFAULT_SCALE = 2;

    public static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /**
     * QuickTheories skips an example whose random draws repeat an earlier one's, yet counts it. Its
     * first examples (shrink target, all minima, all maxima) may coincide, and small values repeat:
     * two maps of up to six entries repeat in about 3 % of the examples (both empty, say).
     */
    private static final int BOUNDARY_EXAMPLES = 3;

    private static final int REPEATS_PERCENT = 5;

    private Generators() {}

    /**
     * A theory that runs at least {@code examples} distinct examples (a repeat is skipped, not
     * run).
     */
    public static QuickTheory qtAtLeast(int examples) {
        return qt().withExamples(
                        examples + BOUNDARY_EXAMPLES - 1 + examples * REPEATS_PERCENT / 100);
    }

    /**
     * Decimals in [min, max] with {@code scale} digits after the point. Drawn as whole numbers of
     * 10^-scale, so the bounds are reached exactly and a failing value shrinks to a short decimal.
     */
    public static Gen<Double> decimals(double min, double max, int scale) {
        long lo =
                BigDecimal.valueOf(min)
                        .movePointRight(scale)
                        .setScale(0, RoundingMode.CEILING)
                        .longValueExact();
        long hi =
                BigDecimal.valueOf(max)
                        .movePointRight(scale)
                        .setScale(0, RoundingMode.FLOOR)
                        .longValueExact();
        return longs().between(lo, hi).map(units -> BigDecimal.valueOf(units, scale).doubleValue());
    }

    /** Decimals in [min, max] with {@link #DEFAULT_SCALE} digits after the point. */
    public static Gen<Double> decimals(double min, double max) {
        return decimals(min, max, DEFAULT_SCALE);
    }

    /**
     * Strings of {@code minLength} to {@code maxLength} characters, each one of {@code alphabet}.
     */
    public static Gen<String> strings(String alphabet, int minLength, int maxLength) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(chars))
                .ofSizeBetween(minLength, maxLength)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }
}
