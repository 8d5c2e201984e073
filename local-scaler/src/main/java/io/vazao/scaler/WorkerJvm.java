package io.vazao.scaler;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The java executable the workers run on, and its version: the version decides how a worker's
 * start-up is cached (an AppCDS archive before JDK 25, an AOT cache from 25 on) and goes into the
 * cache's name.
 *
 * @param java the java executable
 * @param version the runtime version, e.g. {@code 25.0.3+9-LTS}; {@code unknown} when unreadable
 * @param feature the feature release, e.g. 25; 0 when unknown
 */
public record WorkerJvm(Path java, String version, int feature) {

    /** The first JDK whose workers use the AOT cache (JEP 483/514/515) instead of AppCDS. */
    public static final int AOT_CACHE_FEATURE = 25;

    /** Where Debian and Ubuntu install JDKs. */
    public static final Path JVM_DIR = Path.of("/usr/lib/jvm");

    /** The environment variable that names the workers' java (an executable or a JDK folder). */
    public static final String ENV = "VAZAO_WORKER_JAVA";

    private static final Pattern RELEASE_LINE =
            Pattern.compile("^(JAVA_RUNTIME_VERSION|JAVA_VERSION)=\"?([^\"]*)\"?$");
    private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"([^\"]+)\"");
    private static final Pattern HOME_VARIABLE = Pattern.compile("JAVA_HOME|JAVA_HOME_\\d+\\w*");

    public boolean usesAotCache() {
        return feature >= AOT_CACHE_FEATURE;
    }

    /** The version as it goes into a file name: letters, digits, dots and dashes only. */
    public String tag() {
        return version.replaceAll("[^A-Za-z0-9.]+", "-");
    }

    /**
     * The workers' JVM: the option if given, else {@code $VAZAO_WORKER_JAVA}, else the newest JDK
     * {@value #AOT_CACHE_FEATURE}+ that a {@code JAVA_HOME}-style variable or {@code jvmDir} holds,
     * else {@code fallback} (the JVM running the scaler). An option or variable may name the
     * executable or the JDK folder.
     */
    public static WorkerJvm resolve(
            String option, Map<String, String> env, Path jvmDir, Path fallback) {
        String named = option != null && !option.isBlank() ? option : env.get(ENV);
        if (named != null && !named.isBlank()) {
            return of(executable(named, env.get("PATH")));
        }
        return newestWithAotCache(candidates(env, jvmDir)).orElseGet(() -> of(fallback));
    }

    /** The JVM of this executable, its version read from the JDK's {@code release} file. */
    public static WorkerJvm of(Path java) {
        Path real = java.toAbsolutePath();
        try {
            real = real.toRealPath();
        } catch (IOException e) {
            // not there (yet): the version is asked of it, or stays unknown
        }
        Path home = real.getParent();
        home = home == null ? null : home.getParent();
        String version = home == null ? null : releaseVersion(home.resolve("release"));
        if (version == null) {
            version = askedVersion(java);
        }
        return new WorkerJvm(java, version == null ? "unknown" : version, feature(version));
    }

    /** The runtime version a JDK's {@code release} file states, or null. */
    static String releaseVersion(Path release) {
        if (!Files.isRegularFile(release)) {
            return null;
        }
        try {
            return parseRelease(Files.readString(release, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code JAVA_RUNTIME_VERSION} of a release file, else its {@code JAVA_VERSION}, else null. */
    static String parseRelease(String release) {
        String runtime = null;
        String version = null;
        for (String line : release.split("\n")) {
            Matcher m = RELEASE_LINE.matcher(line.strip());
            if (m.matches() && !m.group(2).isBlank()) {
                if (m.group(1).equals("JAVA_RUNTIME_VERSION")) {
                    runtime = m.group(2);
                } else {
                    version = m.group(2);
                }
            }
        }
        return runtime != null ? runtime : version;
    }

    /**
     * The version in {@code java -version}'s output ({@code ... version "25.0.3" ...}), or null.
     */
    static String parseVersionOutput(String output) {
        Matcher m = VERSION_OUTPUT.matcher(output);
        return m.find() ? m.group(1) : null;
    }

    /** The feature release of a version string: 25 for "25.0.3+9-LTS", 8 for "1.8.0_402". */
    static int feature(String version) {
        if (version == null) {
            return 0;
        }
        Matcher m = Pattern.compile("^(\\d+)(?:\\.(\\d+))?").matcher(version);
        if (!m.find()) {
            return 0;
        }
        int first = Integer.parseInt(m.group(1));
        return first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first;
    }

    /** A JDK folder stands for its {@code bin/java}; a bare name is looked up on the PATH. */
    static Path executable(String named, String searchPath) {
        Path p = Path.of(named);
        if (Files.isDirectory(p)) {
            return p.resolve("bin").resolve("java");
        }
        if (p.getParent() == null && searchPath != null) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                Path found = Path.of(dir.isEmpty() ? "." : dir).resolve(named);
                if (Files.isExecutable(found)) {
                    return found;
                }
            }
        }
        return p;
    }

    /** JDK folders worth a look: those the JAVA_HOME-style variables name, then jvmDir's. */
    static List<Path> candidates(Map<String, String> env, Path jvmDir) {
        List<Path> out = new ArrayList<>();
        env.entrySet().stream()
                .filter(e -> HOME_VARIABLE.matcher(e.getKey()).matches())
                .filter(e -> !e.getValue().isBlank())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(Path.of(e.getValue())));
        if (jvmDir != null && Files.isDirectory(jvmDir)) {
            try (Stream<Path> dirs = Files.list(jvmDir)) {
                dirs.sorted().forEach(out::add);
            } catch (IOException e) {
                // an unreadable folder holds no candidate
            }
        }
        return out;
    }

    /**
     * Of these JDK folders, the newest of release {@value #AOT_CACHE_FEATURE}+ with a java in it.
     */
    static Optional<WorkerJvm> newestWithAotCache(List<Path> homes) {
        return homes.stream()
                .filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
                .map(
                        home -> {
                            String v = releaseVersion(home.resolve("release"));
                            return new WorkerJvm(
                                    home.resolve("bin").resolve("java"),
                                    v == null ? "unknown" : v,
                                    feature(v));
                        })
                .filter(WorkerJvm::usesAotCache)
                .max(Comparator.comparingInt(WorkerJvm::feature));
    }

    /** {@code java -version} of an executable without a release file beside it; null on failure. */
    private static String askedVersion(Path java) {
        try {
            Process p =
                    new ProcessBuilder(java.toString(), "-version")
                            .redirectErrorStream(true)
                            .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return parseVersionOutput(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
