package io.vazao.cli;

import java.io.IOException;
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

    /**
     * The service's own refusal ("Refusing to start: …") if it logged one, else its last ERROR
     * line, without a closing full stop; empty when the log has neither or cannot be read.
     */
    static Optional<String> reason(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        return reason(lines);
    }

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
