package io.vazao.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the CLI finds the repository (the jars) and keeps its runtime files: {@code .vazao/} in the
 * repository (pid files, logs, the API address). {@code VAZAO_HOME} names the repository; the
 * launcher script sets it, otherwise the current directory is used.
 */
public record Home(Path root) {

    public static Home detect() {
        String env = System.getenv("VAZAO_HOME");
        Path root = env != null && !env.isBlank() ? Path.of(env) : Path.of("").toAbsolutePath();
        return new Home(root.toAbsolutePath().normalize());
    }

    /**
     * {@code .vazao/} in the repository, or {@code VAZAO_STATE_DIR} (tests run a second system
     * beside the first).
     */
    public Path state() {
        String env = System.getenv("VAZAO_STATE_DIR");
        return env != null && !env.isBlank()
                ? Path.of(env).toAbsolutePath()
                : root.resolve(".vazao");
    }

    public Path logs() {
        return state().resolve("logs");
    }

    /** The policy service's log, appended to by every start. */
    public Path policyServiceLog() {
        return logs().resolve("policy-service.log");
    }

    public Path pid(String name) {
        return state().resolve(name + ".pid");
    }

    public Path workersPidFile() {
        return state().resolve("workers.pids");
    }

    public Path urlFile() {
        return state().resolve("url");
    }

    public Path functionsJar() {
        return root.resolve("functions/target/quarkus-app/quarkus-run.jar");
    }

    public Path policyServiceJar() {
        return root.resolve("policy-service/target/quarkus-app/quarkus-run.jar");
    }

    public Path cliJar() {
        return root.resolve("cli/target/vazao.jar");
    }

    public boolean hasJars() {
        return Files.isRegularFile(functionsJar()) && Files.isRegularFile(policyServiceJar());
    }
}
