package io.vazao.policy.deadletter;

import com.rabbitmq.client.Connection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs replays in the background, one per dead-letter queue at a time, and keeps their progress in
 * memory (the last {@value #KEPT} jobs): a replay is an operator's action, and one lost with a
 * restart of the service is simply started again — it moves what is still there.
 */
@ApplicationScoped
public class ReplayJobs {

    private static final Logger LOG = Logger.getLogger(ReplayJobs.class);
    private static final int KEPT = 100;

    private final BrokerConnections connections;
    private final DeadLetterLocks locks;
    private final Clock clock;
    private final Map<String, Running> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t = new Thread(r, "vazao-replay");
                        t.setDaemon(true);
                        return t;
                    });

    @Inject
    public ReplayJobs(BrokerConnections connections, DeadLetterLocks locks, Clock clock) {
        this.connections = connections;
        this.locks = locks;
        this.clock = clock;
    }

    /** The outcome of asking for a replay: the job, or who holds the queue. */
    public sealed interface Start {
        record Started(ReplayJob job) implements Start {}

        record Busy(String holder) implements Start {}
    }

    public Start start(String queue, ReplayRequest request) {
        String id = UUID.randomUUID().toString();
        Optional<String> holder = locks.tryTake(queue, "replay " + id);
        if (holder.isPresent()) {
            return new Start.Busy(holder.get());
        }
        Running job = new Running(id, queue, request, clock.millis());
        forgetOldest();
        jobs.put(id, job);
        LOG.infof(
                "event=replay-started queue=%s job=%s reason=%s max=%s rate=%s",
                queue, id, request.reason(), request.max(), request.ratePerSecond());
        executor.execute(() -> run(job));
        return new Start.Started(job.view());
    }

    public Optional<ReplayJob> job(String queue, String id) {
        Running job = jobs.get(id);
        return job == null || !job.queue.equals(queue) ? Optional.empty() : Optional.of(job.view());
    }

    /** Asks a running job to stop after the message in hand; false when there is no such job. */
    public boolean cancel(String queue, String id) {
        Running job = jobs.get(id);
        if (job == null || !job.queue.equals(queue)) {
            return false;
        }
        job.cancel.set(true);
        return true;
    }

    private void run(Running job) {
        String holder = "replay " + job.id;
        try (Connection c = connections.open("replay")) {
            ReplayProgress end =
                    new Replayer(System::nanoTime)
                            .replay(c, job.queue, job.request, job.cancel, job.progress::set);
            job.progress.set(end);
            job.finish(
                    job.cancel.get() ? ReplayJob.CANCELLED : ReplayJob.DONE, null, clock.millis());
            LOG.infof(
                    "event=replay-finished queue=%s job=%s state=%s moved=%d skipped=%d seconds=%.1f rate=%.1f",
                    job.queue,
                    job.id,
                    job.state,
                    end.moved(),
                    end.skipped(),
                    end.elapsedMillis() / 1000.0,
                    end.rate());
        } catch (IOException | RuntimeException e) {
            job.finish(
                    ReplayJob.FAILED,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    clock.millis());
            LOG.warnf(
                    "event=replay-failed queue=%s job=%s moved=%d error=\"%s\"",
                    job.queue, job.id, job.progress.get().moved(), job.error);
        } finally {
            locks.release(job.queue, holder);
        }
    }

    private void forgetOldest() {
        while (jobs.size() >= KEPT) {
            jobs.values().stream()
                    .filter(j -> j.state != null && !ReplayJob.RUNNING.equals(j.state))
                    .min(java.util.Comparator.comparingLong(j -> j.startedAt))
                    .ifPresentOrElse(
                            j -> jobs.remove(j.id),
                            () -> {
                                throw new IllegalStateException(
                                        "more than " + KEPT + " replays running");
                            });
        }
    }

    @PreDestroy
    void stop() {
        jobs.values().forEach(j -> j.cancel.set(true));
        executor.shutdown();
    }

    private static final class Running {
        final String id;
        final String queue;
        final ReplayRequest request;
        final long startedAt;
        final AtomicBoolean cancel = new AtomicBoolean();
        final AtomicReference<ReplayProgress> progress =
                new AtomicReference<>(new ReplayProgress(0, 0, 0));
        volatile String state = ReplayJob.RUNNING;
        volatile String error;
        volatile Long finishedAt;

        Running(String id, String queue, ReplayRequest request, long startedAt) {
            this.id = id;
            this.queue = queue;
            this.request = request;
            this.startedAt = startedAt;
        }

        void finish(String newState, String why, long at) {
            error = why;
            finishedAt = at;
            state = newState;
        }

        ReplayJob view() {
            ReplayProgress p = progress.get();
            return new ReplayJob(
                    id,
                    queue,
                    request.reason(),
                    request.max(),
                    request.ratePerSecond(),
                    state,
                    p.moved(),
                    p.skipped(),
                    Math.round(p.rate() * 10) / 10.0,
                    startedAt,
                    finishedAt,
                    error);
        }
    }
}
