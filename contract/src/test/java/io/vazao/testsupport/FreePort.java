package io.vazao.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A TCP port nobody listens on right now, for a process a test starts (tests never use fixed
 * ports).
 */
public final class FreePort {

    private FreePort() {}

    public static int any() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
