package io.vazao.engine;

/** Cheap number formatting for reasons (String.format is too slow for 10,000 queues a tick). */
final class Num {

    private Num() {}

    /** An integer as is; otherwise one decimal (two below 1), no locale. */
    static StringBuilder append(StringBuilder sb, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return sb.append(v);
        }
        if (v == (long) v) {
            return sb.append((long) v); // most figures are whole: no rounding to do
        }
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        int decimals = v < 1 ? 2 : 1;
        long scale = decimals == 2 ? 100 : 10;
        long scaled = Math.round(v * scale);
        long whole = scaled / scale;
        long frac = scaled % scale;
        sb.append(whole);
        if (frac != 0) {
            sb.append('.');
            if (decimals == 2 && frac < 10) {
                sb.append('0');
            }
            if (decimals == 2 && frac % 10 == 0) {
                frac /= 10;
            }
            sb.append(frac);
        }
        return sb;
    }

    static String format(double v) {
        return append(new StringBuilder(), v).toString();
    }

    /** Bytes as MiB, one decimal. */
    static StringBuilder mib(StringBuilder sb, long bytes) {
        return append(sb, bytes / (1024.0 * 1024.0)).append(" MiB");
    }
}
