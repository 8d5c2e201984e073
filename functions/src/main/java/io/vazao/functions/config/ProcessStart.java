package io.vazao.functions.config;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When this process started, to the kernel's clock tick. {@code ProcessHandle}'s start instant adds
 * the process's start (in ticks since boot) to the boot time of {@code /proc/stat}, which is whole
 * seconds: it is early by the boot time's lost fraction, the same up to a second on every process
 * of a machine (0.78 s on one). The kernel's uptime has hundredths, so now minus the process's age
 * is exact to a tick.
 */
public final class ProcessStart {

    /** USER_HZ: the unit of /proc's tick counts, which the kernel fixes at 100 for user space. */
    static final int TICKS_PER_SECOND = 100;

    /**
     * Read once: the heartbeat's identity and the first message both ask, the answer never changes.
     */
    private static volatile long cached;

    private ProcessStart() {}

    /** Epoch ms of this process's start; the JVM's own start time where /proc cannot tell. */
    public static long epochMillis() {
        long start = cached;
        if (start == 0) {
            start = read();
            cached = start;
        }
        return start;
    }

    private static long read() {
        try {
            return fromProc(
                    Files.readString(Path.of("/proc/self/stat")),
                    Files.readString(Path.of("/proc/uptime")),
                    System.currentTimeMillis());
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getRuntimeMXBean().getStartTime();
        }
    }

    /**
     * @param stat the process's {@code /proc/PID/stat} line (its 22nd field is the start, in ticks
     *     since boot; the command name in parentheses may hold spaces)
     * @param uptime {@code /proc/uptime} (seconds since boot, with hundredths)
     * @param nowMillis epoch ms when {@code uptime} was read
     */
    static long fromProc(String stat, String uptime, long nowMillis) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long startTicks = Long.parseLong(fields[22 - 3]);
        double upSeconds = Double.parseDouble(uptime.trim().split("\\s+")[0]);
        double ageSeconds = upSeconds - (double) startTicks / TICKS_PER_SECOND;
        return nowMillis - Math.round(ageSeconds * 1000);
    }
}
