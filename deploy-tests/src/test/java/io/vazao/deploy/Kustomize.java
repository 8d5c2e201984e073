package io.vazao.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the same renderer {@code kubectl apply
 * -k} uses.
 */
final class Kustomize {

    private static Boolean available;

    private Kustomize() {}

    /** Whether kubectl (with its built-in kustomize) can be run here. */
    static synchronized boolean available() {
        if (available == null) {
            try {
                Process p =
                        new ProcessBuilder("kubectl", "version", "--client")
                                .redirectErrorStream(true)
                                .start();
                try {
                    p.getInputStream().readAllBytes();
                    available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
                } finally {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    static String render(Path kustomization) {
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process p =
                    new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                            .redirectError(err.toFile())
                            .start();
            try {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(
                            "kubectl kustomize " + kustomization + " did not finish in 60 s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(
                            "kubectl kustomize "
                                    + kustomization
                                    + " failed: "
                                    + Files.readString(err).trim());
                }
                return out;
            } finally {
                p.destroyForcibly();
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kubectl kustomize " + kustomization, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
