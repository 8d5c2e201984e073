package io.vazao.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is: the build passes its root; a run from an IDE walks up to it. */
final class Repo {

    private Repo() {}

    static Path root() {
        String fromBuild = System.getProperty("vazao.repo.root");
        if (fromBuild != null && Files.isDirectory(Path.of(fromBuild, "k8s"))) {
            return Path.of(fromBuild).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("k8s"))
                    && Files.isDirectory(dir.resolve("keda"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "repository root (with k8s/ and keda/) not found above "
                        + Path.of("").toAbsolutePath());
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
