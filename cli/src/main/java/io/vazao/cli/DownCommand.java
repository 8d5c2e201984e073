package io.vazao.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "down",
        description =
                "Stop what `vazao up` started: the local scaler (which drains its workers first), then the policy service.")
public final class DownCommand implements Callable<Integer> {

    @Option(
            names = "--grace",
            description =
                    "seconds each component gets to stop before SIGKILL (default ${DEFAULT-VALUE})")
    int graceSeconds = DEFAULT_GRACE_SECONDS;

    static final int DEFAULT_GRACE_SECONDS = 60;

    @Override
    public Integer call() throws IOException {
        Home home = Home.detect();
        long grace = graceSeconds * 1000L;
        int stopped = stop(home, "scaler", "local scaler", grace);
        stopped += stop(home, "policy-service", "policy service", grace);
        int leftovers = stopLeftoverWorkers(home.workersPidFile(), grace);
        if (leftovers > 0) {
            System.out.println("stopped " + leftovers + " worker(s) the scaler left behind");
        }
        if (stopped == 0 && leftovers == 0) {
            System.out.println("nothing was running");
        }
        return ExitCodes.OK;
    }

    /** Stops the component whose pid file is {@code name}.pid; 1 if one was running, else 0. */
    static int stop(Home home, String name, String label, long graceMillis) throws IOException {
        Path pidFile = home.pid(name);
        Optional<ProcessHandle> h = Background.running(pidFile);
        Files.deleteIfExists(pidFile);
        if (h.isEmpty()) {
            return 0;
        }
        boolean killed = Background.stop(h.get(), graceMillis);
        System.out.println(
                label + " stopped (pid " + h.get().pid() + (killed ? ", after SIGKILL" : "") + ")");
        return 1;
    }

    /**
     * Workers listed in the scaler's pid file that are still alive (the scaler was SIGKILLed and
     * could not drain them). Only processes whose command line is a worker's are touched.
     */
    static int stopLeftoverWorkers(Path pidFile, long graceMillis) throws IOException {
        List<ProcessHandle> left = leftoverWorkers(pidFile);
        for (ProcessHandle h : left) {
            Background.stop(h, graceMillis);
        }
        Files.deleteIfExists(pidFile);
        return left.size();
    }

    /**
     * The live worker processes a scaler's pid file lists (a scaler that was SIGKILLed left them).
     */
    static List<ProcessHandle> leftoverWorkers(Path pidFile) throws IOException {
        List<ProcessHandle> out = new ArrayList<>();
        if (!Files.isRegularFile(pidFile)) {
            return out;
        }
        for (String line : Files.readAllLines(pidFile)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            try {
                ProcessHandle.of(Long.parseLong(parts[0]))
                        .filter(ProcessHandle::isAlive)
                        .filter(DownCommand::looksLikeWorker)
                        .ifPresent(out::add);
            } catch (NumberFormatException e) {
                // not a pid line
            }
        }
        return out;
    }

    private static boolean looksLikeWorker(ProcessHandle h) {
        return h.info()
                .commandLine()
                .map(c -> c.contains("quarkus-run.jar") || c.contains("VAZAO"))
                .orElse(false);
    }
}
