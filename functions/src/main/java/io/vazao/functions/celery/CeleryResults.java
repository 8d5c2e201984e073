package io.vazao.functions.celery;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vazao.contract.CeleryProtocol;
import io.vazao.contract.CeleryResult;
import io.vazao.contract.Json;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.payload.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Celery's Redis result backend, written by the worker: for a task that asks for its result, the
 * record at {@code celery-task-meta-<id>} (with Celery's expiry) and the same JSON published on the
 * channel of that name, which {@code AsyncResult.get()} listens on. Written before the message is
 * acked. Redis unreachable: the result is lost (logged once until Redis answers again) but the
 * message is still settled: its work is done, and running it again would not bring the result back
 * any more surely.
 */
@ApplicationScoped
public class CeleryResults {

    private static final Logger LOG = Logger.getLogger(CeleryResults.class);

    /**
     * Refusals a Celery worker would report as the task's failure (a bad call); the rest leave no
     * result.
     */
    private static final Set<Rejection> FAILS_THE_TASK =
            EnumSet.of(
                    Rejection.WRONG_SHAPE,
                    Rejection.WRONG_TYPE,
                    Rejection.INVALID_JSON,
                    Rejection.OVERSIZED);

    /**
     * SET with expiry and PUBLISH in one round trip: two blocking commands per task halved the
     * worker's rate on a loaded machine (docs/benchmarks.md, benchmark 6).
     */
    private static final String SET_AND_PUBLISH =
            "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]); return redis.call('PUBLISH', KEYS[1], ARGV[1])";

    private final RedisDataSource redis;
    private final Clock clock;
    private final boolean enabled;
    private final long expiresMillis;
    private volatile boolean failing;

    @Inject
    public CeleryResults(RedisDataSource redis, Clock clock, FunctionsConfig config) {
        this.redis = redis;
        this.clock = clock;
        this.enabled = config.celery().results().enabled();
        this.expiresMillis = config.celery().results().expires().toMillis();
        if (expiresMillis < 1) {
            throw new IllegalArgumentException("vazao.celery.results.expires must be positive");
        }
    }

    /** The function returned {@code result}. */
    public void succeeded(CeleryTask task, Object result) {
        if (wanted(task)) {
            write(ResultRecords.success(task.id(), result, clock.instant()));
        }
    }

    /** The function failed on its last attempt and the message is in the dead-letter queue. */
    public void failed(CeleryTask task, Throwable error) {
        if (wanted(task)) {
            write(ResultRecords.failure(task.id(), error, clock.instant()));
        }
    }

    /** The task was refused and is in the dead-letter queue. */
    public void refused(CeleryTask task, Rejection reason, String detail) {
        if (!wanted(task)) {
            return;
        }
        if (reason == Rejection.EXPIRED) {
            write(ResultRecords.revoked(task.id(), clock.instant()));
        } else if (FAILS_THE_TASK.contains(reason)) {
            write(ResultRecords.refused(task.id(), reason, detail, clock.instant()));
        }
    }

    private boolean wanted(CeleryTask task) {
        return enabled && task != null && task.resultWanted();
    }

    private void write(CeleryResult record) {
        String key = CeleryProtocol.resultKey(record.taskId());
        String json = Json.write(record);
        try {
            redis.execute("EVAL", SET_AND_PUBLISH, "1", key, json, Long.toString(expiresMillis));
            if (failing) {
                LOG.infof("event=celery-result-resumed");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf(
                        "event=celery-result-failed task=%s status=%s error=\"%s\"",
                        record.taskId(), record.status(), e.getMessage());
                failing = true;
            }
        }
    }
}
