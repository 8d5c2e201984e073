package io.vazao.policy.api;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vazao.contract.ScalingEvent;
import io.vazao.policy.store.EventLog;
import io.vazao.policy.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Follows the events stream in Redis (the loop and the local scaler both write to it) and
 * broadcasts new entries to SSE subscribers. Polls only while someone listens.
 */
@ApplicationScoped
public class EventTail {

    private static final Logger LOG = Logger.getLogger(EventTail.class);

    private final EventLog log;
    private final BroadcastProcessor<ScalingEvent> broadcast = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();
    private volatile String lastId;
    private volatile long firstSubscribedAt;
    private volatile boolean failing;

    public EventTail(EventLog log) {
        this.log = log;
    }

    public Multi<ScalingEvent> events() {
        return Multi.createFrom()
                .publisher(broadcast)
                .onSubscription()
                .invoke(
                        () -> {
                            if (subscribers.getAndIncrement() == 0) {
                                firstSubscribedAt = System.currentTimeMillis();
                            }
                        })
                .onTermination()
                .invoke(() -> subscribers.decrementAndGet());
    }

    @Scheduled(every = "0.5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (subscribers.get() == 0) {
            lastId = null;
            return;
        }
        try {
            // Stream ids start with the append time in ms: the first poll starts from when the
            // first
            // subscriber arrived (less a margin for clock skew between this host and Redis).
            var entries =
                    lastId == null
                            ? log.from(Math.max(0, firstSubscribedAt - 250) + "-0", 500)
                            : log.after(lastId, 500);
            for (var m : entries) {
                lastId = m.id();
                ScalingEvent e = EventLog.parse(m);
                if (e != null) {
                    broadcast.onNext(e);
                }
            }
            if (failing) {
                failing = false;
                LOG.info("event=event_tail_recovered");
            }
        } catch (StoreUnavailableException e) {
            if (!failing) {
                failing = true;
                LOG.warnf("event=event_tail_failing error=\"%s\"", e.getMessage());
            }
        }
    }
}
