package io.vazao.functions.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The local node's {@code rabbitmqctl}, for the tests that change the shared broker. */
public final class Rabbitmqctl {

    private Rabbitmqctl() {}

    /** Runs {@code rabbitmqctl -q ARGS} and returns what it printed; throws if it fails. */
    public static String run(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        String what = String.join(" ", command);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        what + " exited with " + p.exitValue() + ": " + out.trim());
            }
            return out.trim();
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }
}
