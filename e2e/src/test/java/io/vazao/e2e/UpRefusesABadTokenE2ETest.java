package io.vazao.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.RedisKeys;
import io.vazao.contract.SecretRules;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * `vazao up` with an API token the policy service refuses: it says why at once, from the service's
 * own log, and leaves nothing running, instead of waiting out its timeout while the local scaler
 * restarts the refused service every 10 s.
 */
class UpRefusesABadTokenE2ETest {

    @TempDir Path tmp;
    final RedisKeys keys =
            new RedisKeys("bad" + UUID.randomUUID().toString().substring(0, 8) + ":");
    final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    Stack stack;

    @AfterEach
    void tearDown() throws Exception {
        Stack.tearDown(stack, List.of(), redis, keys.prefix());
    }

    @Test
    void upSaysWhyThePolicyServiceRefusedToStartAndStopsWhatItStarted() throws Exception {
        String tooShort = "x".repeat(SecretRules.MIN_LENGTH - 1);
        stack = new Stack(Stack.repo(), tmp.resolve("state"), keys.prefix(), tooShort);
        long started = System.currentTimeMillis();
        int exit = stack.up(tmp.resolve("api-token"), Stack.functions(), List.of());
        long took = System.currentTimeMillis() - started;
        String out = stack.log();
        System.out.printf("bad-token e2e: vazao up exited %d after %d ms%n", exit, took);
        assertEquals(1, exit, out);
        assertTrue(out.contains("policy service exited while starting"), out);
        assertTrue(out.contains("Refusing to start"), out);
        assertTrue(out.contains("at least " + SecretRules.MIN_LENGTH + " characters"), out);
        // up's own timeout is 180 s: the refusal is seen long before it
        assertTrue(took < 120_000, "vazao up took " + took + " ms to give up");
        Matcher pids = Pattern.compile("(?:starting|started) \\(pid (\\d+)").matcher(out);
        int named = 0;
        while (pids.find()) {
            long pid = Long.parseLong(pids.group(1));
            named++;
            assertTrue(
                    ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true),
                    "pid " + pid + " that vazao up started is still alive: " + out);
        }
        assertEquals(2, named, "the policy service's and the scaler's pids: " + out);
        assertTrue(stack.component("policy-service").isEmpty(), "policy service's pid file left");
        assertTrue(stack.component("scaler").isEmpty(), "scaler's pid file left");
    }
}
