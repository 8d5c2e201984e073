package io.vazao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.scaler.WorkerLauncher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged `vazao scaler --print-command`: the worker command line the scaler would start, for
 * a JDK 25 (AOT cache) and a JDK 17 (AppCDS), before and after the cache file exists, and with
 * --no-cds. The JDKs are folders with a release file and a bin/java that is never run.
 */
class ScalerPrintCommandIT {

    /** The scaler's worker options at the default heap sizes. */
    static final List<String> OPTIONS = WorkerLauncher.defaultJvmOptions();

    @TempDir Path tmp;

    static Stream<Arguments> commandLines() {
        return Stream.of(
                // JDK release, --no-cds, cache file there, the cache option, the file's suffix
                Arguments.of("25.0.3+9-LTS", false, false, "-XX:AOTCacheOutput=", ".aot"),
                Arguments.of("25.0.3+9-LTS", false, true, "-XX:AOTCache=", ".aot"),
                Arguments.of("25.0.3+9-LTS", true, false, null, null),
                Arguments.of("17.0.15+6", false, false, "-XX:ArchiveClassesAtExit=", ".jsa"),
                Arguments.of("17.0.15+6", false, true, "-XX:SharedArchiveFile=", ".jsa"),
                Arguments.of("17.0.15+6", true, true, null, null));
    }

    @ParameterizedTest(name = "JDK {0} no-cds={1} cache there={2} -> {3}")
    @MethodSource("commandLines")
    void printsTheNextWorkersCommandLine(
            String release, boolean noCds, boolean cacheThere, String option, String suffix)
            throws Exception {
        Path jdk = jdk(release);
        Path jar = jar();
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--print-command",
                                "--worker-java",
                                jdk.toString(),
                                "--jar",
                                jar.toString()));
        Path written = null;
        if (cacheThere) {
            // the file a first worker would write, as the scaler names it while there is none
            String training = run(args).output().lines().toList().get(1);
            assertTrue(training.contains("="), training);
            written = Path.of(training.substring(training.indexOf('=') + 1));
            Files.createDirectories(written.getParent());
            Files.writeString(written, "cache");
        }
        if (noCds) {
            args.add("--no-cds");
        }
        Ran r = run(args);
        assertEquals(0, r.exit(), r.output());
        List<String> lines = r.output().lines().toList();
        List<String> expected = new ArrayList<>();
        expected.add(jdk.resolve("bin").resolve("java").toString());
        if (option != null) {
            String file = lines.get(1).substring(lines.get(1).indexOf('=') + 1);
            String tag = release.replaceAll("[^A-Za-z0-9.]+", "-");
            assertTrue(
                    file.startsWith(tmp.resolve("state/cds/functions-").toString())
                            && file.endsWith("-" + tag + suffix),
                    "functions-<jar stamp>-<JVM version>" + suffix + ": " + file);
            if (written != null) {
                assertEquals(written.toString(), file);
            }
            expected.add(option + file);
            if (option.startsWith("-XX:SharedArchiveFile")) {
                expected.add("-Xshare:auto");
            }
        }
        expected.addAll(OPTIONS);
        expected.add("-jar");
        expected.add(jar.toAbsolutePath().toString());
        assertEquals(expected, lines);
    }

    @Test
    void aWorkerJavaThatIsNoExecutableIsAUsageError() throws Exception {
        Ran r =
                run(
                        List.of(
                                "--print-command",
                                "--worker-java",
                                tmp.resolve("no-such-jdk/bin/java").toString(),
                                "--jar",
                                jar().toString()));
        assertEquals(ExitCodes.USAGE, r.exit(), r.output());
        assertTrue(r.output().contains("not an executable"), r.output());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "--heap {0} --max-heap {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "128m, 64m, the heap (128m) is larger than the max heap (64m)",
        "96x, 352m, not a size: \"96x\"",
    })
    void heapSizesThatCannotWorkAreUsageErrors(String heap, String maxHeap, String message)
            throws Exception {
        Ran r =
                run(
                        List.of(
                                "--print-command",
                                "--worker-java",
                                jdk("25.0.3+9-LTS").toString(),
                                "--jar",
                                jar().toString(),
                                "--heap",
                                heap,
                                "--max-heap",
                                maxHeap));
        assertEquals(ExitCodes.USAGE, r.exit(), r.output());
        assertTrue(r.output().contains("--heap/--max-heap: " + message), r.output());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "--standby, -1, --standby must be 0 or more, not -1",
        "--standby-memory, 1x, --standby-memory: not a size: \"1x\"",
    })
    void standbyOptionsThatCannotWorkAreUsageErrors(String option, String value, String message)
            throws Exception {
        Ran r = run(List.of("--print-command", "--jar", jar().toString(), option, value));
        assertEquals(ExitCodes.USAGE, r.exit(), r.output());
        assertTrue(r.output().contains(message), r.output());
    }

    record Ran(int exit, String output) {}

    Ran run(List<String> args) throws Exception {
        List<String> cmd = ScalerCommandIT.javaJar("scaler");
        cmd.addAll(args);
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().put("VAZAO_HOME", tmp.toString());
        pb.environment().put("VAZAO_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().remove("VAZAO_WORKER_JAVA");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "vazao scaler --print-command did not end");
        return new Ran(
                p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8));
    }

    Path jdk(String release) throws Exception {
        Path home = tmp.resolve("jdk-" + release);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_RUNTIME_VERSION=\"" + release + "\"\n");
        Path java = home.resolve("bin").resolve("java");
        Files.writeString(java, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    Path jar() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("quarkus-app"));
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "jar");
        }
        return jar;
    }
}
