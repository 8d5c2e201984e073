package io.vazao.functions.ratelimit;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The token bucket as one Lua script in Redis, so take-and-refill is atomic across workers. */
@ApplicationScoped
public class RedisTokenSource implements TokenSource {

    static final String SCRIPT = load();
    static final String SHA = sha1(SCRIPT);

    private final RedisDataSource redis;

    @Inject
    public RedisTokenSource(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Grant take(String key, TokenBudget budget, int wanted) {
        String[] args = {
            "1",
            key,
            Double.toString(budget.rate()),
            Double.toString(budget.capacity()),
            Integer.toString(wanted)
        };
        Response r;
        try {
            r = redis.execute("EVALSHA", prepend(SHA, args));
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            // First call on this Redis (or after its restart): send the script itself.
            r = redis.execute("EVAL", prepend(SCRIPT, args));
        }
        return new Grant(r.get(0).toInteger(), r.get(1).toLong());
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String load() {
        try (InputStream in = RedisTokenSource.class.getResourceAsStream("token-bucket.lua")) {
            if (in == null) {
                throw new IllegalStateException("token-bucket.lua is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read token-bucket.lua", e);
        }
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-1")
                                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
