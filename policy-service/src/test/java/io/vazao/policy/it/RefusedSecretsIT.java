package io.vazao.policy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vazao.contract.SecretRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.RedisClient;

/**
 * The packaged service refuses to start with each weak secret: it exits non-zero, says which secret
 * and why, and how to generate a good one.
 */
class RefusedSecretsIT {

    static final String STRONG = "3f6c0e8d2b9a47f1a5c4e7d6b8a9f0e1c2d3b4a5968778695a4b3c2d1e0f9a8b";

    /**
     * where: "token" (vazao.api.token), "file" (the token file's content) or "password" (Basic
     * password).
     */
    record Refused(String name, String where, String secret, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refused> secrets() {
        Stream<Refused> shipped =
                SecretRules.SHIPPED.stream()
                        .sorted()
                        .map(
                                s ->
                                        new Refused(
                                                "shipped " + s,
                                                "token",
                                                s,
                                                "shipped in the repository"));
        return Stream.concat(
                shipped,
                Stream.of(
                        new Refused(
                                "REPLACE_ME as written in the prod overlay",
                                "token",
                                "REPLACE_ME",
                                "shipped in the repository"),
                        new Refused(
                                "31 characters",
                                "token",
                                "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d",
                                "fewer than 32"),
                        new Refused(
                                "short token in the token file",
                                "file",
                                "short-token-from-a-file",
                                "fewer than 32"),
                        new Refused(
                                "placeholder in the token file",
                                "file",
                                "dev-only-token",
                                "shipped in the repository"),
                        new Refused(
                                "short Basic password", "password", "hunter2", "fewer than 32")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void refusesToStart(Refused row, @TempDir Path dir) throws Exception {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
        Map<String, String> props = new HashMap<>();
        props.put("vazao.key-prefix", prefix);
        props.put("vazao.bootstrap-queues", "t-refused-" + prefix.substring(1, 9));
        props.put("vazao.api.token-file", dir.resolve("api-token").toString());
        switch (row.where()) {
            case "token" -> props.put("vazao.api.token", row.secret());
            case "file" -> Files.writeString(dir.resolve("api-token"), row.secret() + "\n");
            case "password" -> {
                props.put("vazao.api.token", STRONG);
                props.put("vazao.api.password", row.secret());
            }
            default -> throw new IllegalArgumentException(row.where());
        }
        try (PackagedService service =
                PackagedService.start(
                        "refused-" + row.where() + "-" + prefix.substring(1, 9), props)) {
            Integer exit = service.waitForExit(120);
            assertThat(exit).as("exit status; log:\n%s", service.log()).isNotNull().isNotZero();
            assertThat(service.log())
                    .contains("Refusing to start")
                    .contains(row.reason())
                    .contains("openssl rand -hex 32")
                    .doesNotContain("Listening on");
        } finally {
            try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
                var keys = redis.keys(prefix + "*");
                if (!keys.isEmpty()) {
                    redis.del(keys.toArray(String[]::new));
                }
            }
        }
    }
}
