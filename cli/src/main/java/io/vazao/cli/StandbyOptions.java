package io.vazao.cli;

import io.vazao.scaler.WorkerLauncher;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The warm standby options, shared by {@code vazao scaler} and {@code vazao up}, which passes them
 * on.
 */
final class StandbyOptions {

    @Option(
            names = "--standby",
            defaultValue = "${env:VAZAO_STANDBY_WORKERS:-0}",
            description =
                    "warm standby workers per managed queue, at most: started and connected, promoted instead of a JVM start when the queue needs a worker; a queue keeps what its largest scale-up of the last 30 s needed, at least 1 (default $VAZAO_STANDBY_WORKERS or 0)")
    int perQueue;

    @Option(
            names = "--standby-memory",
            paramLabel = "SIZE",
            defaultValue = "${env:VAZAO_STANDBY_MEMORY:-1g}",
            description =
                    "the standby workers of all queues together hold at most this much memory, each counted at the largest resident set a worker reported; 0 = no limit (default $VAZAO_STANDBY_MEMORY or 1g)")
    String memory;

    int perQueue() {
        if (perQueue < 0) {
            throw new CliException(ExitCodes.USAGE, "--standby must be 0 or more, not " + perQueue);
        }
        return perQueue;
    }

    long memoryBytes() {
        try {
            return WorkerLauncher.bytes(memory);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--standby-memory: " + e.getMessage());
        }
    }

    /** Throws the usage error of a value that cannot work, before anything starts. */
    void check() {
        perQueue();
        memoryBytes();
    }

    /** The same options for a scaler started by another command, checked first. */
    List<String> scalerArguments() {
        check();
        return List.of("--standby", Integer.toString(perQueue), "--standby-memory", memory);
    }
}
