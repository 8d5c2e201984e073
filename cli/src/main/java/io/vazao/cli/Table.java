package io.vazao.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: left-aligned text, right-aligned numbers, columns as wide as their content.
 */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c == null ? "-" : String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int[] width = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            width[i] = headers.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < Math.min(r.size(), width.length); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width, false);
        for (List<String> r : rows) {
            line(sb, r, width, true);
        }
        return sb.toString();
    }

    private static void line(
            StringBuilder sb, List<String> cells, int[] width, boolean alignNumbers) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            boolean last = i == width.length - 1;
            if (alignNumbers && isNumber(c)) {
                l.append(" ".repeat(width[i] - c.length())).append(c);
            } else {
                l.append(c);
                if (!last) {
                    l.append(" ".repeat(width[i] - c.length()));
                }
            }
            if (!last) {
                l.append("  ");
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isDigit(c) || c == '.' || c == '-' || c == '/' || c == '%')) {
                return false;
            }
        }
        return Character.isDigit(s.charAt(0)) || s.charAt(0) == '-' && s.length() > 1;
    }
}
