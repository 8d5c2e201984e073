package io.vazao.policy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir Path dir;

    @Test
    void generatesOnceWithOwnerOnlyPermissionsThenReuses() throws Exception {
        Path file = dir.resolve("sub/api-token");
        TokenFile.Loaded first = TokenFile.loadOrCreate(file);
        assertTrue(first.generated());
        assertTrue(first.token().length() >= 40, first.token());
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(
                "rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));

        TokenFile.Loaded second = TokenFile.loadOrCreate(file);
        assertFalse(second.generated());
        assertEquals(first.token(), second.token());
    }

    @Test
    void expandsHome() {
        assertEquals(
                Path.of(System.getProperty("user.home"), ".vazao/api-token"),
                TokenFile.expand("~/.vazao/api-token"));
        assertEquals(Path.of("/etc/x"), TokenFile.expand("/etc/x"));
    }

    @Test
    void secretsCompareExactly() {
        assertTrue(Secrets.matches("abc", "abc"));
        assertFalse(Secrets.matches("abc", "abd"));
        assertFalse(Secrets.matches("abc", "abcd"));
        assertFalse(Secrets.matches(null, "abc"));
    }
}
