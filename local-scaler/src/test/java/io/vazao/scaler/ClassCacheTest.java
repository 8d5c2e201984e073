package io.vazao.scaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The worker command lines a class cache makes: map, write, or leave alone. */
class ClassCacheTest {

    static final Path AOT = Path.of("/state/cds/functions-x-25.0.3-9-LTS.aot");
    static final Path JSA = Path.of("/state/cds/functions-x-17.0.15-6.jsa");
    static final List<String> JAVA = List.of("java", "-Xmx64m", "-jar", "quarkus-run.jar");

    static Stream<Arguments> commandLines() {
        return Stream.of(
                // kind, the worker's own options, file exists, another worker writing, inserted
                Arguments.of(
                        ClassCache.Kind.AOT, JAVA, true, false, List.of("-XX:AOTCache=" + AOT)),
                Arguments.of(ClassCache.Kind.AOT, JAVA, true, true, List.of("-XX:AOTCache=" + AOT)),
                Arguments.of(
                        ClassCache.Kind.AOT,
                        JAVA,
                        false,
                        false,
                        List.of("-XX:AOTCacheOutput=" + AOT)),
                Arguments.of(ClassCache.Kind.AOT, JAVA, false, true, List.of()),
                Arguments.of(
                        ClassCache.Kind.APP_CDS,
                        JAVA,
                        true,
                        false,
                        List.of("-XX:SharedArchiveFile=" + JSA, "-Xshare:auto")),
                Arguments.of(
                        ClassCache.Kind.APP_CDS,
                        JAVA,
                        false,
                        false,
                        List.of("-XX:ArchiveClassesAtExit=" + JSA)),
                Arguments.of(ClassCache.Kind.APP_CDS, JAVA, false, true, List.of()),
                // the worker's own options choose sharing: the JVM would refuse -XX:AOTCache
                // beside -Xshare, so nothing is added
                Arguments.of(ClassCache.Kind.AOT, with("-Xshare:off"), true, false, List.of()),
                Arguments.of(ClassCache.Kind.AOT, with("-Xshare:auto"), false, false, List.of()),
                Arguments.of(
                        ClassCache.Kind.AOT,
                        with("-XX:AOTCache=/mine.aot"),
                        true,
                        false,
                        List.of()),
                Arguments.of(ClassCache.Kind.AOT, with("-XX:AOTMode=off"), true, false, List.of()),
                Arguments.of(
                        ClassCache.Kind.APP_CDS,
                        with("-XX:SharedArchiveFile=/mine.jsa"),
                        true,
                        false,
                        List.of()));
    }

    static List<String> with(String option) {
        List<String> cmd = new ArrayList<>(JAVA);
        cmd.add(1, option);
        return cmd;
    }

    @ParameterizedTest(name = "{0} {1} exists={2} writing={3} -> {4}")
    @MethodSource("commandLines")
    void options(
            ClassCache.Kind kind,
            List<String> command,
            boolean exists,
            boolean writing,
            List<String> expected) {
        ClassCache cache = new ClassCache(kind, kind == ClassCache.Kind.AOT ? AOT : JSA);
        List<String> options = cache.options(command, exists, writing);
        assertEquals(expected, options);
        assertEquals(
                expected.stream().anyMatch(o -> o.contains("Output=") || o.contains("AtExit=")),
                ClassCache.writes(options));
    }

    @Test
    void theJvmsFeatureReleaseChoosesTheKind(@TempDir Path tmp) throws Exception {
        Path jar = jar(tmp);
        ClassCache on25 =
                ClassCache.forJvm(
                        new WorkerJvm(Path.of("java"), "25.0.3+9-LTS", 25),
                        jar,
                        tmp.resolve("cds"));
        ClassCache on17 =
                ClassCache.forJvm(
                        new WorkerJvm(Path.of("java"), "17.0.15+6-Debian-1deb12u1", 17),
                        jar,
                        tmp.resolve("cds"));
        assertEquals(ClassCache.Kind.AOT, on25.kind());
        assertEquals(ClassCache.Kind.APP_CDS, on17.kind());
        assertTrue(
                on25.file().getFileName().toString().endsWith("-25.0.3-9-LTS.aot"),
                on25.file().toString());
        assertTrue(
                on17.file().getFileName().toString().endsWith("-17.0.15-6-Debian-1deb12u1.jsa"),
                on17.file().toString());
        assertEquals(tmp.resolve("cds"), on25.file().getParent());
    }

    @Test
    void aRebuiltJarOrAnotherJvmGetsAnotherName(@TempDir Path tmp) throws Exception {
        Path jar = jar(tmp);
        WorkerJvm jdk25 = new WorkerJvm(Path.of("java"), "25.0.3+9-LTS", 25);
        Path before = ClassCache.forJvm(jdk25, jar, tmp).file();
        assertEquals(before, ClassCache.forJvm(jdk25, jar, tmp).file());
        assertNotEquals(
                before,
                ClassCache.forJvm(new WorkerJvm(Path.of("java"), "25.0.4+7-LTS", 25), jar, tmp)
                        .file());
        Files.setLastModifiedTime(
                jar.resolveSibling("lib"),
                FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertNotEquals(before, ClassCache.forJvm(jdk25, jar, tmp).file());
    }

    @Test
    void writesIsFalseForMappingOptions() {
        assertFalse(ClassCache.writes(List.of("-XX:AOTCache=/x.aot")));
        assertFalse(ClassCache.writes(List.of("-XX:SharedArchiveFile=/x.jsa", "-Xshare:auto")));
    }

    static Path jar(Path dir) throws Exception {
        Path app = Files.createDirectories(dir.resolve("quarkus-app"));
        Files.createDirectories(app.resolve("lib"));
        Path jar = app.resolve("quarkus-run.jar");
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
        Files.setLastModifiedTime(app.resolve("lib"), FileTime.fromMillis(1_700_000_000_000L));
        return jar;
    }
}
