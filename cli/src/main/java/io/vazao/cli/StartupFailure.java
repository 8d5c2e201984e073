package io.vazao.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Why a service that exited at start-up did, in one line of its own log. */
final class StartupFailure {

    /** Longer lines are cut: the log has the rest. */
    static final int MAX_LENGTH = 400;

    private StartupFailure() {}

    /** Where the next start's lines will begin: the log is appended to, start after start. */
    static long endOf(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * {@link #reason(List)} of what the log gained from byte {@code from} on (its {@link #endOf}
     * before this start), so that an earlier start's refusal is not given as this one's; empty when
     * the log cannot be read.
     */
    static Optional<String> reason(Path log, long from) {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(from, Files.size(log)));
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return reason(text.lines().toList());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The service's own refusal ("Refusing to start: …") if it logged one, else its last ERROR
     * line, without a closing full stop; empty when the lines have neither.
     */
    static Optional<String> reason(List<String> lines) {
        String error = null;
        for (String line : lines) {
            int refusal = line.indexOf("Refusing to start");
            if (refusal >= 0) {
                return Optional.of(cut(line.substring(refusal)));
            }
            if (line.contains(" ERROR ")) {
                error = line;
            }
        }
        return Optional.ofNullable(error).map(StartupFailure::cut);
    }

    /** Stripped, without a closing full stop (the caller's sentence goes on), at most so long. */
    private static String cut(String line) {
        String s = line.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH) + " …";
    }
}
