package io.vazao.functions.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code vazao.*} setting of a worker process (documented in the README's configuration
 * table).
 */
@ConfigMapping(prefix = "vazao")
public interface FunctionsConfig {

    /**
     * The queue this process consumes; the function and routing key follow from {@link Topology}.
     */
    String queue();

    @WithDefault(RedisKeys.DEFAULT_PREFIX)
    String keyPrefix();

    /** Unique id of this process; default host-pid-random. */
    Optional<String> workerId();

    /** processOrder or processPayment; needed only for queues outside the seed topology. */
    Optional<String> function();

    /** Binding of the queue on the exchange; default the seed routing key, else the queue name. */
    Optional<String> routingKey();

    @WithDefault(Topology.EXCHANGE)
    String exchange();

    /**
     * Messages the broker may deliver before an ack (basic.qos), and the number of processing
     * threads.
     */
    @WithDefault("16")
    int prefetch();

    /**
     * Where a delivery's function runs: {@code auto} on the thread that received it when nothing on
     * its way can wait (no simulated work or failures, no rate limit, audit or duplicate guard, not
     * redelivered, not a Celery task), else on one of the {@code prefetch} processing threads;
     * {@code inline} always on the receiving thread; {@code pool} always on a processing thread.
     */
    @WithDefault("auto")
    String dispatch();

    /**
     * Start as a warm standby: connect and declare, but consume and heartbeat only once promoted
     * (the line {@code consume} on standard input); the local scaler starts its standby workers so.
     */
    @WithDefault("false")
    boolean standby();

    /** Bodies larger than this go to the dead-letter queue unread. */
    @WithDefault("1048576")
    int maxMessageBytes();

    /**
     * The largest body the AMQP client takes in. It must be at least the broker's {@code
     * max_message_size} (RabbitMQ's default: 128 MiB): a body the broker accepts and the client
     * refuses closes the connection, and the message comes back to the next consumer forever. The
     * Java client's own default is 64 MiB, hence this setting.
     */
    @WithDefault("134217728")
    int maxInboundMessageBytes();

    Work work();

    Retry retry();

    HeartbeatSettings heartbeat();

    ShutdownSettings shutdown();

    Audit audit();

    RateLimit rateLimit();

    Celery celery();

    interface Work {
        /** Mean simulated work per message in milliseconds (0 = none). */
        @WithDefault("0")
        double meanMs();

        @WithDefault("fixed")
        String distribution();

        /** Probability that one attempt fails (0..1). */
        @WithDefault("0")
        double failureRate();
    }

    interface Retry {
        /** Attempts per message before it is dead-lettered (1 = no retry). */
        @WithDefault("3")
        int maxAttempts();

        /** Delay before the second attempt; doubled for every further attempt. */
        @WithDefault("100ms")
        Duration delay();

        /**
         * Longer retry delays leave the prefetch slot: the message waits in a delay queue instead.
         */
        @WithDefault("2s")
        Duration inPlaceMax();
    }

    interface HeartbeatSettings {
        @WithDefault(Heartbeat.DEFAULT_INTERVAL)
        Duration interval();
    }

    interface ShutdownSettings {
        /** Longest wait for in-flight messages on SIGTERM. */
        @WithDefault("30s")
        Duration timeout();
    }

    interface Audit {
        /** When true every processed message id is added (batched) to the audit set. */
        @WithDefault("false")
        boolean enabled();
    }

    interface Celery {
        /** {@code task=function} entries; unset: the replaced system's two task names. */
        Optional<List<String>> tasks();

        /**
         * Longest a task's eta is waited for on its processing thread; a later one goes back to the
         * queue.
         */
        @WithDefault("5s")
        Duration etaMaxWait();

        Results results();

        interface Results {
            /** Write Celery's result-backend record when a task asks for its result. */
            @WithDefault("true")
            boolean enabled();

            /** How long a result record lives in Redis (Celery's result_expires). */
            @WithDefault("1d")
            Duration expires();
        }
    }

    interface RateLimit {
        /** How often the queue's policy is re-read for its rate limit. */
        @WithDefault("500ms")
        Duration policyRefresh();
    }

    HttpFunctions httpFunctions();

    /**
     * The Funqy HTTP endpoints ({@code POST /processOrder}, ...) bypass the queue, the rate limit,
     * the dead-letter queue and the audit: off unless turned on, and then only with the API token.
     */
    interface HttpFunctions {
        @WithDefault("false")
        boolean enabled();

        /** Bearer token the endpoints require when enabled (the policy service's API token). */
        Optional<String> token();
    }
}
