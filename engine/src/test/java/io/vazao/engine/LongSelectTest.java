package io.vazao.engine;

import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LongSelectTest {

    @ParameterizedTest(name = "{0}, k={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // values | k | k-th smallest
                "7                 | 0 | 7",
                "3 1 2             | 0 | 1",
                "3 1 2             | 2 | 3",
                "5 5 5 5           | 3 | 5",
                "9 0 0 9 0 9 0     | 3 | 0",
                "9 0 0 9 0 9 0     | 4 | 9",
                "-4 8 -4 2 8 2 -4  | 5 | 8"
            })
    void theKthSmallest(String values, int k, long expected) {
        long[] v = Arrays.stream(values.trim().split(" +")).mapToLong(Long::parseLong).toArray();
        assertEquals(expected, LongSelect.kthSmallest(v.clone(), v.length, k));
        assertEquals(expected, LongSelect.kthSmallest(v.clone(), v.length, k, 0));
    }

    /**
     * Few distinct values (remainders tie often), with the select and with the sort it falls to.
     */
    @Test
    void theSelectionIsTheSortedArraysElement() {
        qtAtLeast(2000)
                .forAll(
                        lists().of(integers().between(-3, 3)).ofSizeBetween(1, 300),
                        integers().between(0, 299),
                        integers().between(0, 3))
                .checkAssert(
                        (values, index, rounds) -> {
                            long[] v = longs(values);
                            int k = index % v.length;
                            long[] sorted = v.clone();
                            Arrays.sort(sorted);
                            assertEquals(
                                    sorted[k],
                                    LongSelect.kthSmallest(
                                            v.clone(), v.length, k, rounds == 3 ? 64 : rounds));
                        });
    }

    private static long[] longs(List<Integer> values) {
        return values.stream().mapToLong(Integer::longValue).toArray();
    }
}
