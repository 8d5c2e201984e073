package io.vazao.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * What an application's native build registered, as the native-sources build wrote it ({@code
 * <module>/target/native-sources/}, made in the module's verify phase): the classes in the runner
 * jar's reflect-config.json and the resource patterns of its resource-config.json.
 */
record NativeSources(Path dir, Set<String> reflectiveClasses, List<Pattern> resources) {

    static final String SOURCES_DIR = "target/native-sources";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path dir(String module) {
        return Repo.resolve(module + "/" + SOURCES_DIR);
    }

    static NativeSources of(String module) {
        Path dir = dir(module);
        Path runner = runnerJar(dir);
        try (ZipFile jar = new ZipFile(runner.toFile())) {
            return new NativeSources(
                    dir,
                    classes(read(jar, "reflect-config.json")),
                    patterns(read(jar, "resource-config.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path runnerJar(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    dir
                            + " is missing: the module's verify phase makes it "
                            + "(run ./mvnw -pl deploy-tests -am verify, not test)");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean registersForReflection(Class<?> type) {
        return reflectiveClasses.contains(type.getName());
    }

    boolean includesResource(String path) {
        return resources.stream().anyMatch(p -> p.matcher(path).matches());
    }

    private static JsonNode read(ZipFile jar, String name) throws IOException {
        var entry = jar.getEntry("META-INF/native-image/" + name);
        if (entry == null) {
            throw new IllegalStateException(
                    jar.getName() + " has no META-INF/native-image/" + name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return JSON.readTree(in);
        }
    }

    private static Set<String> classes(JsonNode reflectConfig) {
        Set<String> out = new TreeSet<>();
        reflectConfig.forEach(e -> out.add(e.path("name").asText()));
        return out;
    }

    /**
     * resource-config.json patterns are Java regular expressions over class-path resource names.
     */
    private static List<Pattern> patterns(JsonNode resourceConfig) {
        return Manifest.items(resourceConfig.at("/resources/includes"))
                .map(i -> Pattern.compile(i.path("pattern").asText()))
                .toList();
    }
}
