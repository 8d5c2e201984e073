package io.vazao.functions.lifecycle;

import io.quarkus.runtime.Quarkus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * A warm standby worker ({@code vazao.standby}): started, connected and with its topology declared,
 * heartbeating as {@code standby} (which no reader counts as a live worker), but not consuming,
 * until the process that started it writes {@value #PROMOTE} on its standard input. A JVM start is
 * the slow part of a scale-up; a promotion is a line on a pipe. The end of the input (the starter
 * is gone) ends the worker: nobody could promote it any more.
 */
public final class Standby {

    /** The line that promotes a standby worker. */
    public static final String PROMOTE = "consume";

    private static final Logger LOG = Logger.getLogger(Standby.class);

    private Standby() {}

    /**
     * Reads {@code input} on a thread of its own; runs {@code promoted} once at the first {@link
     * #PROMOTE} line, and {@code orphaned} at the end of the input if that came first.
     */
    public static Thread await(
            InputStream input, String workerId, Runnable promoted, Runnable orphaned) {
        long since = System.nanoTime();
        AtomicBoolean done = new AtomicBoolean();
        Thread t =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(input, StandardCharsets.UTF_8))) {
                                for (String line; (line = r.readLine()) != null; ) {
                                    if (line.trim().equals(PROMOTE)
                                            && done.compareAndSet(false, true)) {
                                        LOG.infof(
                                                "event=standby-promoted worker=%s waitedMs=%d",
                                                workerId, (System.nanoTime() - since) / 1_000_000);
                                        promoted.run();
                                        return;
                                    }
                                }
                            } catch (IOException e) {
                                LOG.debugf("standby input: %s", e);
                            }
                            if (done.compareAndSet(false, true)) {
                                LOG.infof(
                                        "event=standby-orphaned worker=%s action=exit"
                                                + " reason=\"its starter closed the input\"",
                                        workerId);
                                orphaned.run();
                            }
                        },
                        "vazao-standby");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** What an orphaned standby worker does: an orderly exit. */
    public static void exit() {
        Quarkus.asyncExit(0);
    }
}
