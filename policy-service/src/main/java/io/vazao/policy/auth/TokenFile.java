package io.vazao.policy.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The API token kept in a file only its owner can read: read when present, generated (32 random
 * bytes, base64url) when not. The file is created with mode 600 from the start, never chmod-ed
 * afterwards, so there is no moment when others could read it.
 */
public final class TokenFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenFile() {}

    /** The result: the token and whether it was generated now. */
    public record Loaded(String token, Path path, boolean generated) {}

    public static Path expand(String configured) {
        if (configured.equals("~") || configured.startsWith("~/")) {
            return Path.of(
                    System.getProperty("user.home"),
                    configured.substring(1).replaceFirst("^/", ""));
        }
        return Path.of(configured);
    }

    public static Loaded loadOrCreate(Path path) {
        try {
            Optional<String> existing = read(path);
            if (existing.isPresent()) {
                return new Loaded(existing.get(), path, false);
            }
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null && !Files.exists(parent)) {
                Files.createDirectories(parent, posix("rwx------"));
            }
            String token = generate();
            try {
                Files.write(
                        Files.createFile(path, posix("rw-------")),
                        token.getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.TRUNCATE_EXISTING);
            } catch (FileAlreadyExistsException raced) {
                return new Loaded(read(path).orElseThrow(() -> raced), path, false);
            }
            return new Loaded(token, path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the API token file " + path, e);
        }
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Optional<String> read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        String token = Files.readString(path, StandardCharsets.UTF_8).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static FileAttribute<?>[] posix(String permissions) {
        boolean posix =
                java.nio.file.FileSystems.getDefault()
                        .supportedFileAttributeViews()
                        .contains("posix");
        return posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString(permissions))
                }
                : new FileAttribute<?>[0];
    }
}
