package io.vazao.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything the policy service reads from its own configuration (prefix {@code vazao}). */
@ConfigMapping(prefix = "vazao")
public interface VazaoConfig {

    /** Prefix of every Redis key. */
    @WithDefault(RedisKeys.DEFAULT_PREFIX)
    String keyPrefix();

    /**
     * Queues that get a default policy at first start when they have none, as {@code
     * queue[:weight]}. The default is the replaced system's two queues with their 40/60 weights.
     */
    @WithDefault(Topology.SEED_WEIGHTS)
    List<String> bootstrapQueues();

    Management management();

    Amqp amqp();

    Api api();

    Loop loop();

    Lease lease();

    Workers workers();

    /** What the service must know about the workers it manages. */
    interface Workers {
        /**
         * The workers' heartbeat interval (their {@code vazao.heartbeat.interval}); settings'
         * timeout must be at least twice it.
         */
        @WithDefault(Heartbeat.DEFAULT_INTERVAL)
        Duration heartbeatInterval();
    }

    /** RabbitMQ management HTTP API: the primary source of queue figures. */
    interface Management {
        @WithDefault("http://127.0.0.1:15672")
        String url();

        @WithDefault("guest")
        String user();

        @WithDefault("guest")
        String password();

        @WithDefault("/")
        String vhost();

        /** Timeout of one management API request. */
        @WithDefault("2s")
        Duration timeout();
    }

    /** AMQP passive declare: the fallback when the management API cannot be read. */
    interface Amqp {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5672")
        int port();

        @WithDefault("guest")
        String user();

        @WithDefault("guest")
        String password();

        @WithDefault("/")
        String vhost();

        @WithDefault("2s")
        Duration timeout();
    }

    interface Api {
        /** Bearer token; when absent one is read from (or generated into) {@link #tokenFile()}. */
        Optional<String> token();

        @WithDefault("~/.vazao/api-token")
        String tokenFile();

        /** User name for HTTP Basic authentication. */
        @WithDefault("vazao")
        String user();

        /** Password for HTTP Basic authentication; defaults to the token. */
        Optional<String> password();

        /** Largest request body the API accepts; larger bodies get 413. */
        @WithDefault("65536")
        int maxBodyBytes();

        /** How long a browser session cookie stays valid. */
        @WithDefault("12h")
        Duration sessionTtl();

        /**
         * The session cookie's {@code Secure} flag: unset = set when the request came over TLS (as
         * the HTTP layer sees it, including forwarded headers when proxy forwarding is on); true =
         * always.
         */
        Optional<Boolean> secureCookie();

        Throttle throttle();
    }

    /** Refusal of clients that keep presenting wrong credentials. */
    interface Throttle {
        /** Wrong credentials within {@link #window()} before the client is refused. */
        @WithDefault("10")
        int maxFailures();

        @WithDefault("1m")
        Duration window();

        /** How long a client is refused (429) once throttled. */
        @WithDefault("1m")
        Duration lockout();
    }

    interface Loop {
        /**
         * Turns the control loop off (the API still serves); useful for API-only deployments and
         * tests.
         */
        @WithDefault("true")
        boolean enabled();

        /** Feed host CPU to the engine's scale-up guard: only when the workers run on this host. */
        @WithName("local-mode")
        @WithDefault("false")
        boolean localMode();
    }

    /** The control loop's lease in Redis: one replica ticks, the others stand by. */
    interface Lease {
        /**
         * How long the lease lives without renewal: a dead leader is replaced after at most this.
         */
        @WithDefault("1200ms")
        Duration ttl();

        /** How often the holder renews it and a standby tries to take it. */
        @WithName("renew-interval")
        @WithDefault("250ms")
        Duration renewInterval();
    }
}
