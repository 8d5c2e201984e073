package io.vazao.scaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The heap sizes of the scaler's worker options: parsed like the JVM does, and checked. */
class WorkerHeapOptionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "65536, 65536",
        "64k, 65536",
        "96m, 100663296",
        "96M, 100663296",
        "352m, 369098752",
        "1g, 1073741824",
        "' 2G ', 2147483648",
    })
    void sizes(String size, long bytes) {
        assertEquals(bytes, WorkerLauncher.bytes(size));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource({"''", "m", "96mb", "-1m", "1.5g", "96 m"})
    void notSizes(String size) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> WorkerLauncher.bytes(size));
        assertTrue(e.getMessage().contains("e.g. 96m"), e.getMessage());
    }

    @ParameterizedTest(name = "heap {0}, max {1}: {2}")
    @CsvSource({
        "96m, 352m, ok",
        "96m, 96m, ok",
        "96m, 64m, the heap (96m) is larger than the max heap (64m)",
        "1g, 512m, the heap (1g) is larger than the max heap (512m)",
    })
    void theHeapFitsUnderTheMax(String heap, String maxHeap, String outcome) {
        if (outcome.equals("ok")) {
            List<String> options = WorkerLauncher.defaultJvmOptions(heap, maxHeap);
            assertEquals("-Xms" + heap, options.get(0));
            assertEquals("-Xmx" + maxHeap, options.get(1));
        } else {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> WorkerLauncher.defaultJvmOptions(heap, maxHeap));
            assertEquals(outcome, e.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void theDefaultMaxHeapHoldsTwiceTheLargestBodyTheBrokerAcceptsByDefault() {
        long largestBody = 128L << 20;
        assertTrue(
                WorkerLauncher.bytes(WorkerLauncher.DEFAULT_MAX_HEAP)
                        >= 2 * largestBody + WorkerLauncher.bytes(WorkerLauncher.DEFAULT_HEAP));
    }
}
