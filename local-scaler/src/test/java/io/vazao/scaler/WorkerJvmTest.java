package io.vazao.scaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which java the workers run on, and what its version is. */
class WorkerJvmTest {

    @TempDir Path tmp;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "JAVA_VERSION=\"25.0.3\"\\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\" | 25.0.3+9-LTS",
                "JAVA_RUNTIME_VERSION=\"17.0.15+6-Debian-1deb12u1\"\\nJAVA_VERSION=\"17.0.15\" | 17.0.15+6-Debian-1deb12u1",
                "IMPLEMENTOR=\"x\"\\nJAVA_VERSION=\"21.0.2\" | 21.0.2",
                "JAVA_VERSION=1.8.0_402 | 1.8.0_402",
                "IMPLEMENTOR=\"x\" | null",
                "JAVA_VERSION=\"\" | null"
            })
    void releaseFiles(String release, String expected) {
        assertEquals(expected, WorkerJvm.parseRelease(release.replace("\\n", "\n")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "25.0.3+9-LTS | 25",
                "25 | 25",
                "17.0.15+6-Debian-1deb12u1 | 17",
                "1.8.0_402 | 8",
                "26-ea | 26",
                "unknown | 0",
                "null | 0"
            })
    void featureReleases(String version, int feature) {
        assertEquals(feature, WorkerJvm.feature(version));
    }

    @Test
    void versionOutput() {
        assertEquals(
                "25.0.3",
                WorkerJvm.parseVersionOutput(
                        "openjdk version \"25.0.3\" 2026-04-21 LTS\nOpenJDK Runtime Environment"));
        assertEquals(null, WorkerJvm.parseVersionOutput("no java here"));
    }

    @Test
    void theTagIsSafeInAFileName() {
        assertEquals("25.0.3-9-LTS", new WorkerJvm(Path.of("j"), "25.0.3+9-LTS", 25).tag());
    }

    @Test
    void theOptionWinsThenTheVariableThenANewJdkThenTheScalersOwn() throws Exception {
        Path jvms = Files.createDirectories(tmp.resolve("jvm"));
        Path jdk17 = jdk(jvms.resolve("java-17"), "17.0.15+6");
        Path jdk25 = jdk(jvms.resolve("temurin-25"), "25.0.3+9-LTS");
        Path jdk26 = jdk(tmp.resolve("elsewhere-26"), "26.0.1+2");
        Path own = jdk17.resolve("bin/java");

        assertEquals(
                jdk17.resolve("bin/java"),
                WorkerJvm.resolve(
                                jdk17.toString(),
                                Map.of(WorkerJvm.ENV, jdk25.toString()),
                                jvms,
                                own)
                        .java(),
                "the option, a JDK folder");
        WorkerJvm fromEnv =
                WorkerJvm.resolve(
                        null,
                        Map.of(WorkerJvm.ENV, jdk17.resolve("bin/java").toString()),
                        jvms,
                        own);
        assertEquals(jdk17.resolve("bin/java"), fromEnv.java(), "the variable, an executable");
        assertEquals(17, fromEnv.feature());

        WorkerJvm detected = WorkerJvm.resolve(null, Map.of(), jvms, own);
        assertEquals(jdk25.resolve("bin/java"), detected.java(), "the JDK 25 under the jvm folder");
        assertEquals("25.0.3+9-LTS", detected.version());
        assertTrue(detected.usesAotCache());

        assertEquals(
                jdk26.resolve("bin/java"),
                WorkerJvm.resolve(null, Map.of("JAVA_HOME_26_X64", jdk26.toString()), jvms, own)
                        .java(),
                "the newest, a JAVA_HOME-style variable's");
        assertEquals(
                jdk25.resolve("bin/java"),
                WorkerJvm.resolve(null, Map.of("JAVA_HOME", jdk17.toString()), jvms, own).java(),
                "JAVA_HOME below 25 is no reason to give up the cache");

        Files.delete(jdk25.resolve("bin/java"));
        WorkerJvm fallback = WorkerJvm.resolve(null, Map.of(), jvms, own);
        assertEquals(own, fallback.java(), "no usable JDK 25+: the scaler's own");
        assertFalse(fallback.usesAotCache());
        assertEquals(own, WorkerJvm.resolve(null, Map.of(), tmp.resolve("missing"), own).java());
    }

    @Test
    void aBareNameIsLookedUpOnThePath() throws Exception {
        Path jdk = jdk(tmp.resolve("jdk"), "25.0.3+9-LTS");
        WorkerJvm jvm =
                WorkerJvm.resolve(
                        "java",
                        Map.of("PATH", tmp.resolve("nothing") + ":" + jdk.resolve("bin")),
                        null,
                        null);
        assertEquals(jdk.resolve("bin/java"), jvm.java());
        assertEquals(25, jvm.feature());
    }

    @Test
    void anExecutableWithoutAReleaseFileIsAsked() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("odd/bin"));
        Path java =
                executable(bin.resolve("java"), "echo 'openjdk version \"25.0.1\" 2025-10-21' >&2");
        WorkerJvm jvm = WorkerJvm.of(java);
        assertEquals("25.0.1", jvm.version());
        assertEquals(25, jvm.feature());
        WorkerJvm broken = WorkerJvm.of(tmp.resolve("missing/bin/java"));
        assertEquals("unknown", broken.version());
        assertFalse(broken.usesAotCache());
    }

    /** A JDK folder with a release file and a bin/java that prints nothing. */
    static Path jdk(Path home, String runtimeVersion) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(
                home.resolve("release"),
                "IMPLEMENTOR=\"test\"\nJAVA_RUNTIME_VERSION=\"" + runtimeVersion + "\"\n");
        executable(home.resolve("bin/java"), "exit 0");
        return home;
    }

    static Path executable(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
