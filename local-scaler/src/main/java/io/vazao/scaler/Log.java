package io.vazao.scaler;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One line per event that matters, as {@code ts level event key=value ...}. */
public final class Log {

    private static volatile PrintStream out = System.err;

    private Log() {}

    public static void to(PrintStream stream) {
        out = stream;
    }

    public static void info(String event, Object... kv) {
        write("INFO", event, kv);
    }

    public static void warn(String event, Object... kv) {
        write("WARN", event, kv);
    }

    private static void write(String level, String event, Object... kv) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .append(' ')
                .append(level)
                .append(' ')
                .append(event);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            sb.append(' ').append(kv[i]).append('=');
            String v = String.valueOf(kv[i + 1]);
            if (v.isEmpty() || v.indexOf(' ') >= 0 || v.indexOf('"') >= 0) {
                sb.append('"').append(v.replace("\"", "'")).append('"');
            } else {
                sb.append(v);
            }
        }
        out.println(sb);
    }
}
