package io.vazao.functions.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessStatsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Name:\\tjava\\nVmPeak:\\t 3000 kB\\nVmRSS:\\t  136336 kB\\nThreads:\\t40\\n | 139608064",
                "VmRSS:\\t1 kB | 1024",
                "Name:\\tjava\\nThreads:\\t40 | 0"
            })
    void readsVmRssFromProcStatus(String status, long bytes) {
        assertThat(ProcessStats.parseRssBytes(status.replace("\\n", "\n").replace("\\t", "\t")))
                .isEqualTo(bytes);
    }

    @Test
    void measuresThisProcess() {
        ProcessStats stats = new ProcessStats();
        assertThat(stats.rssBytes()).isGreaterThan(10L * 1024 * 1024);
        assertThat(stats.cpuPercent()).isGreaterThanOrEqualTo(0);
    }
}
