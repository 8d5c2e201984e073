package io.vazao.functions.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The process's start from /proc, to the tick, where the boot time's whole seconds would not be.
 */
class ProcessStartTest {

    static String stat(String comm, long startTicks) {
        StringBuilder s = new StringBuilder("4242 (" + comm + ") S 1 4242 4242 0 -1 4194560");
        for (int field = 10; field <= 21; field++) {
            s.append(' ').append(field);
        }
        return s.append(' ').append(startTicks).append(" 123456 789").toString();
    }

    @ParameterizedTest(name = "{0}: started {4} ms before now")
    @CsvSource(
            delimiter = '|',
            value = {
                "a plain name | java | 93284 | 932.84 1009.88\\n | 0",
                "started 1.5 s before the uptime was read | java | 93134 | 932.84 1009.88\\n | 1500",
                "a name with spaces and a parenthesis | Java (worker) 1 | 93200 | 932.84 1009.88\\n | 840",
                "uptime without its idle figure or newline | java | 93084 | 932.84 | 2000",
            })
    void theStartIsNowMinusTheProcessAge(
            String name, String comm, long ticks, String uptime, long ageMillis) {
        long now = 1_796_028_629_619L;
        assertEquals(
                now - ageMillis,
                ProcessStart.fromProc(stat(comm, ticks), uptime.replace("\\n", "\n"), now));
    }

    @Test
    void thisJvmStartedWithinATickOrTwoOfItsProcess() {
        long process = ProcessStart.epochMillis();
        long jvm = ManagementFactory.getRuntimeMXBean().getStartTime();
        // exec to JVM creation is tens of ms; a start off by the boot time's lost fraction is not.
        assertTrue(
                jvm - process >= -20 && jvm - process < 300,
                "process start " + process + ", JVM start " + jvm + ": " + (jvm - process) + " ms");
    }
}
