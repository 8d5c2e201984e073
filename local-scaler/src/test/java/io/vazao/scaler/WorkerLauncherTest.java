package io.vazao.scaler;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One worker at a time writes the class cache; the others start without it until it exists, then
 * map it. The "java" here is a script that writes its arguments to the worker's log and sleeps.
 */
class WorkerLauncherTest {

    @TempDir Path tmp;
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void tearDown() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void oneWriterAtATimeThenEveryWorkerMapsTheCache() throws Exception {
        Path java = tmp.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\nexec sleep 600\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        Path aot = tmp.resolve("cds/functions-x-25.0.3-9-LTS.aot");
        WorkerLauncher launcher =
                new WorkerLauncher(
                        List.of(java.toString(), "-Xmx64m", "-jar", "quarkus-run.jar"),
                        Map.of(),
                        tmp.resolve("logs"),
                        Map.of(),
                        new ClassCache(ClassCache.Kind.AOT, aot));

        Process trainer = start(launcher, "w1");
        assertEquals("-XX:AOTCacheOutput=" + aot + " -Xmx64m -jar quarkus-run.jar", args("w1"));
        start(launcher, "w2");
        assertEquals("-Xmx64m -jar quarkus-run.jar", args("w2"), "w1 is still training");

        trainer.destroyForcibly().waitFor();
        start(launcher, "w3");
        assertEquals(
                "-XX:AOTCacheOutput=" + aot + " -Xmx64m -jar quarkus-run.jar",
                args("w3"),
                "w1 died without a cache: the next worker trains");

        Files.writeString(aot, "a cache");
        start(launcher, "w4");
        assertEquals("-XX:AOTCache=" + aot + " -Xmx64m -jar quarkus-run.jar", args("w4"));
    }

    Process start(WorkerLauncher launcher, String id) throws Exception {
        Process p = launcher.start("q", id, "t:");
        started.add(p);
        return p;
    }

    String args(String id) {
        Path log = tmp.resolve("logs").resolve(id + ".log");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.isRegularFile(log) && !Files.readString(log).isBlank());
        try {
            return Files.readString(log).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
