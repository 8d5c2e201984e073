package io.vazao.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Dockerfiles cannot be built here (no container engine), so they are read and held against the
 * real build output: the final stage runs as the non-root uid the manifests expect, on the expected
 * base image, exposing the ports the Services use; native builds compile on a Mandrel builder;
 * every file copied from the build context exists after the module's verify phase, and the
 * executable a final stage copies is the one native-image.args names.
 */
class DockerfilesTest {

    static final String RUNTIME_UID = "185";
    static final String JVM_BASE = "registry.access.redhat.com/ubi9/openjdk-17-runtime:";

    /** The workers' image: JDK 25, for the AOT cache. */
    static final String JVM_25_BASE = "registry.access.redhat.com/ubi9/openjdk-25-runtime:";

    static final String NATIVE_BASE = "quay.io/quarkus/ubi9-quarkus-micro-image:";
    static final String MANDREL_BUILDER = "quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:";

    static Stream<Arguments> dockerfiles() {
        List<Arguments> out = new ArrayList<>();
        for (String module : List.of("functions", "policy-service")) {
            Set<String> ports =
                    module.equals("policy-service") ? Set.of("8080", "9090") : Set.of("8080");
            String jvmBase = module.equals("functions") ? JVM_25_BASE : JVM_BASE;
            out.add(Arguments.of(module, "Dockerfile.jvm", jvmBase, ports));
            out.add(Arguments.of(module, "Dockerfile.native", NATIVE_BASE, ports));
            out.add(Arguments.of(module, "Dockerfile.native-multistage", NATIVE_BASE, ports));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("dockerfiles")
    void finalStageIsNonRootOnTheExpectedBaseWithTheServicePorts(
            String module, String file, String base, Set<String> ports) throws IOException {
        Path path = Repo.resolve(module + "/src/main/docker/" + file);
        List<List<String>> stages = stages(Files.readAllLines(path));
        assertFalse(stages.isEmpty(), path + " has no FROM");
        List<String> last = stages.get(stages.size() - 1);

        assertTrue(
                last.get(0).startsWith("FROM " + base),
                path + ": final stage must be " + base + "*, is " + last.get(0));
        assertFalse(
                last.get(0).endsWith(":latest") || !last.get(0).substring(5).contains(":"),
                "pinned tag: " + last.get(0));

        List<String> users = last.stream().filter(l -> l.startsWith("USER ")).toList();
        assertFalse(users.isEmpty(), path + ": final stage sets no USER (would run as root)");
        assertEquals(
                "USER " + RUNTIME_UID,
                users.get(users.size() - 1),
                path + ": must end as the uid the manifests run as");

        Set<String> exposed = new TreeSet<>();
        last.stream()
                .filter(l -> l.startsWith("EXPOSE "))
                .forEach(l -> exposed.addAll(List.of(l.substring(7).trim().split("\\s+"))));
        assertEquals(new TreeSet<>(ports), exposed, path + ": exposed ports");
        assertTrue(
                last.stream().anyMatch(l -> l.startsWith("ENTRYPOINT ")), path + ": no ENTRYPOINT");

        if (file.endsWith("multistage")) {
            assertTrue(
                    stages.size() >= 2
                            && stages.get(0).get(0).startsWith("FROM " + MANDREL_BUILDER),
                    path + ": the build stage must run on the Mandrel builder image");
            assertTrue(
                    stages.get(0).stream().anyMatch(l -> l.contains("-Dnative")),
                    path + ": build stage must build native");
        }
        if (file.equals("Dockerfile.native")) {
            assertTrue(
                    stages.size() >= 2
                            && stages.get(0).get(0).startsWith("FROM " + MANDREL_BUILDER),
                    path + ": native-image runs on the Mandrel builder image");
            assertTrue(
                    stages.get(0).stream()
                            .anyMatch(l -> l.contains("native-image $(cat native-image.args)")),
                    path
                            + ": the build stage compiles the native sources with their own arguments");
        }
    }

    /**
     * What each Dockerfile copies from its build context exists in the module's real build output
     * (the JVM package and the native sources, both made by the module's verify phase), and what a
     * final stage copies from a native-image stage is the executable that native-image.args names.
     */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("dockerfiles")
    void copiesExactlyWhatTheBuildProduces(
            String module, String file, String base, Set<String> ports) throws IOException {
        Path dockerfile = Repo.resolve(module + "/src/main/docker/" + file);
        List<List<String>> stages = stages(Files.readAllLines(dockerfile));
        Path context = file.endsWith("multistage") ? Repo.root() : Repo.resolve(module);
        String executable = nativeExecutableName(module);
        for (List<String> stage : stages) {
            for (String copy : stage.stream().filter(l -> l.startsWith("COPY ")).toList()) {
                List<String> words = List.of(copy.substring(5).trim().split("\\s+"));
                List<String> sources =
                        words.subList(0, words.size() - 1).stream()
                                .filter(w -> !w.startsWith("--"))
                                .toList();
                if (words.stream().anyMatch(w -> w.startsWith("--from="))) {
                    assertTrue(
                            sources.stream()
                                    .allMatch(
                                            src ->
                                                    glob(src)
                                                            .matches(
                                                                    Path.of(src)
                                                                            .resolveSibling(
                                                                                    executable))),
                            dockerfile
                                    + ": "
                                    + copy
                                    + " must copy the image native-image.args names: "
                                    + executable);
                } else {
                    sources.forEach(
                            src ->
                                    assertTrue(
                                            existsInBuild(context, src),
                                            dockerfile
                                                    + ": "
                                                    + copy
                                                    + ": nothing in "
                                                    + context
                                                    + " matches "
                                                    + src));
                }
            }
        }
    }

    /**
     * The workers' JVM image trains its AOT cache in the final stage, on the JDK it runs (a cache
     * only fits the JDK that wrote it), through the same launcher, fails the build when no cache
     * came out, and maps that same file at run time: the training's {@code -XX:AOTCacheOutput} and
     * the run time's {@code -XX:AOTCache} name one path, set after the training.
     */
    @Test
    void functionsImageTrainsTheAotCacheItMaps() throws IOException {
        Path path = Repo.resolve("functions/src/main/docker/Dockerfile.jvm");
        List<List<String>> stages = stages(Files.readAllLines(path));
        List<String> last = stages.get(stages.size() - 1);
        assertTrue(last.get(0).startsWith("FROM " + JVM_25_BASE), path + ": " + last.get(0));
        int training =
                indexOf(last, l -> l.startsWith("RUN ") && l.contains("-XX:AOTCacheOutput="));
        assertTrue(
                training > 0, path + ": no training run (-XX:AOTCacheOutput) in the final stage");
        String train = last.get(training);
        String cache = optionValue(train, "-XX:AOTCacheOutput=");
        assertTrue(train.contains("run-java.sh"), path + ": train through the run-time launcher");
        assertTrue(
                train.contains("test -s " + cache), path + ": the build must fail without a cache");
        List<String> later = last.subList(training + 1, last.size());
        List<String> runtime =
                later.stream().filter(l -> l.startsWith("ENV JAVA_OPTS_APPEND=")).toList();
        assertFalse(runtime.isEmpty(), path + ": no JAVA_OPTS_APPEND after the training");
        assertEquals(
                cache,
                optionValue(runtime.get(runtime.size() - 1), "-XX:AOTCache="),
                path + ": the run time maps another file than the training wrote");
        assertTrue(
                later.stream().anyMatch(l -> l.startsWith("ENTRYPOINT ")),
                path + ": the entry point comes after the cache");
    }

    static int indexOf(List<String> lines, java.util.function.Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The value of an {@code -XX:Name=value} option in an instruction, up to a space or quote. */
    static String optionValue(String instruction, String option) {
        int at = instruction.indexOf(option);
        assertTrue(at >= 0, option + " missing in: " + instruction);
        String rest = instruction.substring(at + option.length());
        return rest.split("[\\s\"';]", 2)[0];
    }

    /**
     * The image name in the native-sources build's native-image.args: the word before {@code -jar}.
     */
    static String nativeExecutableName(String module) throws IOException {
        List<String> args =
                List.of(
                        Files.readString(NativeSources.dir(module).resolve("native-image.args"))
                                .trim()
                                .split("\\s+"));
        int jar = args.indexOf("-jar");
        assertTrue(
                jar > 0 && !args.get(jar - 1).startsWith("-"),
                "native-image.args of " + module + " names no image");
        return args.get(jar - 1);
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern.replaceAll("/+$", ""));
    }

    private static boolean existsInBuild(Path context, String source) {
        if (source.equals(".")) {
            return true;
        }
        PathMatcher matcher = glob(source);
        Path parent = context.resolve(source).getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.anyMatch(e -> matcher.matches(context.relativize(e)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Instructions grouped by stage, comments and continuations folded. */
    static List<List<String>> stages(List<String> lines) {
        List<List<String>> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String instruction = pending.append(line).toString();
            pending.setLength(0);
            if (instruction.regionMatches(true, 0, "FROM ", 0, 5)) {
                stages.add(new ArrayList<>());
            }
            if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).add(instruction);
            }
        }
        return stages;
    }
}
