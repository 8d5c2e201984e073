package io.vazao.functions.consume;

import com.rabbitmq.client.AMQP;
import io.vazao.contract.CeleryProtocol;
import io.vazao.functions.audit.ProcessedAudit;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.ratelimit.RateLimiter;
import io.vazao.functions.work.SimulatedWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;

/**
 * Where a delivery runs (vazao.dispatch): on the thread that received it, or on one of the {@code
 * prefetch} processing threads. Those threads exist for work that waits (simulated work, a retry
 * pause, a rate limit, a Redis round trip): while one message waits, others run. For a delivery
 * whose way has no wait they would only add two thread hand-overs and a lock on the channel per
 * message, so {@code auto} runs it where it arrived; its ack then goes out in a batch.
 */
@ApplicationScoped
public class Dispatch {

    /** The setting's values. */
    public enum Mode {
        AUTO,
        INLINE,
        POOL;

        static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "vazao.dispatch must be auto, inline or pool, not '" + s + "'");
            }
        }
    }

    private final Mode mode;
    private final SimulatedWork work;
    private final RateLimiter limiter;
    private final ProcessedAudit audit;
    private final DuplicateGuard duplicates;

    @Inject
    public Dispatch(
            FunctionsConfig config,
            SimulatedWork work,
            RateLimiter limiter,
            ProcessedAudit audit,
            DuplicateGuard duplicates) {
        this.mode = Mode.parse(config.dispatch());
        this.work = work;
        this.limiter = limiter;
        this.audit = audit;
        this.duplicates = duplicates;
    }

    public Mode mode() {
        return mode;
    }

    /** True: run this delivery on the thread that received it. */
    public boolean inline(boolean redelivered, AMQP.BasicProperties properties) {
        return switch (mode) {
            case INLINE -> true;
            case POOL -> false;
            case AUTO -> !redelivered && nothingWaits(properties);
        };
    }

    private boolean nothingWaits(AMQP.BasicProperties properties) {
        if (work.mayWait() || limiter.limit() != null || audit.enabled() || duplicates.enabled()) {
            return false;
        }
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        // A Celery task may wait for its eta and write its result to Redis.
        return headers == null || !headers.containsKey(CeleryProtocol.H_TASK);
    }
}
