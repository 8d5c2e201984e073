package io.vazao.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vazao.contract.JsonRecords;
import io.vazao.contract.Policy;
import io.vazao.contract.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The native-sources build (Quarkus's native build steps without GraalVM, run in each application's
 * verify phase) registered every JSON type for reflection and included every resource the
 * application reads from the class path. A native image built from these sources would otherwise
 * fail at run time, not at build time.
 */
class NativeSourcesTest {

    /** Contract types that never cross JSON (so need no registration). */
    static final Set<Class<?>> CONTRACT_NOT_JSON = Set.of(Topology.QueueSpec.class);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "functions, io.vazao.functions.payload.JsonTypes, src/main/resources, .*\\.lua",
        "policy-service, io.vazao.policy.config.JsonTypes, src/main/resources, .*\\.lua|META-INF/resources/.*"
    })
    void everyJsonTypeAndResourceIsInTheNativeConfiguration(
            String module, String appTypes, String resourceRoot, String resourcePattern)
            throws ClassNotFoundException {
        NativeSources sources = NativeSources.of(module);
        List<Class<?>> types = new ArrayList<>(registered(JsonRecords.class));
        types.addAll(registered(Class.forName(appTypes)));
        List<String> resources =
                classPathResources(Repo.resolve(module + "/" + resourceRoot), resourcePattern);
        assertTrue(
                resources.stream().anyMatch(r -> r.endsWith(".lua")),
                module + ": no Lua script found under " + resourceRoot);

        assertEquals(
                List.of(),
                missing(sources, types, resources),
                module + ": missing from " + sources.dir());
    }

    @Test
    void everyRecordAndEnumOfTheContractIsInTheOneList() {
        Set<Class<?>> listed = new HashSet<>(registered(JsonRecords.class));
        Set<String> unlisted = new TreeSet<>();
        for (Class<?> c : contractClasses()) {
            if ((c.isRecord() || c.isEnum())
                    && !listed.contains(c)
                    && !CONTRACT_NOT_JSON.contains(c)) {
                unlisted.add(c.getName());
            }
        }
        assertEquals(
                Set.of(),
                unlisted,
                "add them to io.vazao.contract.JsonRecords (or to CONTRACT_NOT_JSON here)");
    }

    /** The check itself: a configuration without Policy or without the Lua script is caught. */
    @Test
    void aMissingRecordOrResourceIsReported() {
        NativeSources without =
                new NativeSources(
                        Path.of("fixture"),
                        Set.of("io.vazao.contract.Settings"),
                        List.of(Pattern.compile("\\QMETA-INF/resources/index.html\\E")));
        List<String> found =
                missing(
                        without,
                        List.of(Policy.class, io.vazao.contract.Settings.class),
                        List.of(
                                "META-INF/resources/index.html",
                                "io/vazao/functions/ratelimit/token-bucket.lua"));
        assertEquals(
                List.of(
                        "reflection: io.vazao.contract.Policy",
                        "resource: io/vazao/functions/ratelimit/token-bucket.lua"),
                found);
    }

    static List<String> missing(
            NativeSources sources, List<Class<?>> types, List<String> resources) {
        List<String> out = new ArrayList<>();
        types.stream()
                .filter(t -> !sources.registersForReflection(t))
                .forEach(t -> out.add("reflection: " + t.getName()));
        resources.stream()
                .filter(r -> !sources.includesResource(r))
                .forEach(r -> out.add("resource: " + r));
        return out;
    }

    static List<Class<?>> registered(Class<?> holder) {
        RegisterForReflection annotation = holder.getAnnotation(RegisterForReflection.class);
        if (annotation == null) {
            throw new IllegalStateException(
                    holder.getName() + " carries no @RegisterForReflection");
        }
        return Arrays.asList(annotation.targets());
    }

    /** Files under a resources folder whose class-path name matches the pattern. */
    static List<String> classPathResources(Path root, String pattern) {
        Pattern wanted = Pattern.compile(pattern);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(name -> wanted.matcher(name).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Class<?>> contractClasses() {
        try {
            Path classes =
                    Path.of(
                            JsonRecords.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            List<Class<?>> out = new ArrayList<>();
            try (Stream<Path> files =
                    Files.isDirectory(classes) ? Files.walk(classes) : jarEntries(classes)) {
                for (String name :
                        files.map(Path::toString).filter(n -> n.endsWith(".class")).toList()) {
                    out.add(Class.forName(className(classes, name)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<Path> jarEntries(Path jar) throws IOException {
        var fs = java.nio.file.FileSystems.newFileSystem(jar);
        return Files.walk(fs.getPath("/"))
                .onClose(
                        () -> {
                            try {
                                fs.close();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
    }

    private static String className(Path root, String file) {
        String relative =
                file.startsWith(root.toString()) ? file.substring(root.toString().length()) : file;
        relative = relative.replace('\\', '/');
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
    }
}
