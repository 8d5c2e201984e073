package io.vazao.scaler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What makes a worker JVM start faster, and the file it lives in: an AppCDS archive (JDK 17–24:
 * {@code -XX:ArchiveClassesAtExit} writes it when the writing worker stops, {@code
 * -XX:SharedArchiveFile} maps it) or an AOT cache (JDK 25+, JEP 483/514/515: {@code
 * -XX:AOTCacheOutput} makes the writing worker a training run that assembles the cache when it
 * stops, {@code -XX:AOTCache} maps it, loaded, linked and profiled classes included).
 *
 * <p>Either way the JVM checks the file against its own version and the jars and starts without it
 * when it does not match or cannot be read (a warning in the worker's log, never a failed start);
 * the name holds the jar's stamp and the JVM's version, so a rebuilt jar or another JVM gets a
 * fresh file.
 */
public record ClassCache(Kind kind, Path file) {

    public enum Kind {
        APP_CDS(".jsa"),
        AOT(".aot");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    /** The cache for this JVM and jar, in {@code dir}. */
    public static ClassCache forJvm(WorkerJvm jvm, Path jar, Path dir) throws IOException {
        Kind kind = jvm.usesAotCache() ? Kind.AOT : Kind.APP_CDS;
        return new ClassCache(kind, dir.resolve(name(jarStamp(jar), jvm.tag(), kind)));
    }

    /** {@code functions-<jar stamp>-<jvm version>.jsa|.aot}. */
    static String name(long jarStamp, String jvmTag, Kind kind) {
        return "functions-" + Long.toString(jarStamp, 36) + "-" + jvmTag + kind.suffix;
    }

    /** The newest modification time of the jar and of the {@code lib} folder beside it. */
    static long jarStamp(Path jar) throws IOException {
        Path app = jar.toAbsolutePath().getParent();
        long stamp = Files.getLastModifiedTime(jar).toMillis();
        Path lib = app.resolve("lib");
        if (Files.isDirectory(lib)) {
            stamp = Math.max(stamp, Files.getLastModifiedTime(lib).toMillis());
        }
        return stamp;
    }

    /**
     * The options a worker starts with, put right after the java executable: map the file when it
     * exists; write it when it does not and no other worker is writing it; else nothing. Nothing
     * either when the worker's own options already choose class sharing ({@code -Xshare:…}, an
     * archive or a cache): the JVM refuses {@code -XX:AOTCache} beside {@code -Xshare}, and a
     * worker must start.
     *
     * @param command the worker's command line: {@code [java, options...]}
     * @param fileExists whether {@link #file} exists
     * @param writing whether a worker started earlier is still writing it
     */
    public List<String> options(List<String> command, boolean fileExists, boolean writing) {
        if (command.stream().anyMatch(ClassCache::choosesSharing)) {
            return List.of();
        }
        if (fileExists) {
            return kind == Kind.AOT
                    ? List.of("-XX:AOTCache=" + file)
                    : List.of("-XX:SharedArchiveFile=" + file, "-Xshare:auto");
        }
        if (writing) {
            return List.of();
        }
        return List.of(
                (kind == Kind.AOT ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + file);
    }

    /** Whether these options make the worker write the file (it then writes it when it stops). */
    public static boolean writes(List<String> options) {
        return options.stream()
                .anyMatch(
                        o ->
                                o.startsWith("-XX:AOTCacheOutput=")
                                        || o.startsWith("-XX:ArchiveClassesAtExit="));
    }

    private static boolean choosesSharing(String option) {
        return option.startsWith("-Xshare:")
                || option.startsWith("-XX:SharedArchiveFile=")
                || option.startsWith("-XX:ArchiveClassesAtExit=")
                || option.startsWith("-XX:AOTCache")
                || option.startsWith("-XX:AOTMode=")
                || option.startsWith("-XX:AOTConfiguration=");
    }
}
