package io.vazao.functions.heartbeat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU and resident memory of this process, as the heartbeat reports them. CPU is the share of one
 * core used since the previous sample; RSS comes from {@code /proc/self/status} (0 where there is
 * no /proc).
 */
public class ProcessStats {

    private static final Path STATUS = Path.of("/proc/self/status");

    private final com.sun.management.OperatingSystemMXBean os;
    private long lastCpuNanos = -1;
    private long lastWallNanos;

    public ProcessStats() {
        java.lang.management.OperatingSystemMXBean bean =
                ManagementFactory.getOperatingSystemMXBean();
        this.os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
    }

    /** Percent of one core used since the last call (first call: since the process started). */
    public synchronized double cpuPercent() {
        if (os == null) {
            return 0;
        }
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        double percent;
        if (lastCpuNanos < 0) {
            long uptimeNanos = ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
            percent = uptimeNanos > 0 ? 100.0 * cpu / uptimeNanos : 0;
        } else {
            long dw = wall - lastWallNanos;
            percent = dw > 0 ? 100.0 * (cpu - lastCpuNanos) / dw : 0;
        }
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        return Math.max(0, Math.round(percent * 10) / 10.0);
    }

    public long rssBytes() {
        try {
            return parseRssBytes(Files.readString(STATUS));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The VmRSS line of a /proc/[pid]/status text, in bytes; 0 if absent. */
    public static long parseRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                String unit = parts.length > 1 ? parts[1] : "kB";
                return switch (unit) {
                    case "kB" -> value * 1024;
                    case "mB", "MB" -> value * 1024 * 1024;
                    default -> value;
                };
            }
        }
        return 0;
    }
}
