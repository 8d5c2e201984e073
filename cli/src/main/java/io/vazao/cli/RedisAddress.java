package io.vazao.cli;

import java.net.URI;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Where the commands find Redis: {@code --redis}, else {@code $VAZAO_REDIS_URI}, else this
 * machine's default port. Every command that talks to Redis resolves it here, so they all agree.
 */
record RedisAddress(String host, int port) {

    static final String ENV = "VAZAO_REDIS_URI";
    static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    private static final int DEFAULT_PORT = 6379;

    static RedisAddress resolve(String option) {
        URI uri = URI.create(option != null ? option : ScalerCommand.envOr(ENV, DEFAULT_URI));
        if (uri.getHost() == null) {
            throw new CliException(
                    ExitCodes.USAGE, "not a Redis URI: " + uri + " (expected redis://host:port)");
        }
        return new RedisAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT);
    }

    /** Whether a Redis that does not answer here could be started on this machine. */
    boolean onThisMachine() {
        return host.equals("127.0.0.1") || host.equals("localhost");
    }

    JedisPooled connect() {
        return new JedisPooled(
                new HostAndPort(host, port),
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(2_000)
                        .socketTimeoutMillis(2_000)
                        .build());
    }

    @Override
    public String toString() {
        return "redis://" + host + ":" + port;
    }
}
