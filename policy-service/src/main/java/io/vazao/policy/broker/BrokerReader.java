package io.vazao.policy.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads the managed queues' figures: the management API first, AMQP passive declare when it cannot
 * answer, and "unreachable" (so the engine holds the last targets) when neither can. Each change of
 * state is logged once.
 *
 * <p>The management API's figures are statistics the broker collects every few seconds (5 s by
 * default), so a burst shows up there up to one interval late. When both sources answer, the ready
 * count, consumers and dead-letter depth come from a passive declare, which counts them now, and
 * unacked and the rates from the statistics: that is what lets a burst raise its target within one
 * tick.
 */
@ApplicationScoped
public class BrokerReader {

    private static final Logger LOG = Logger.getLogger(BrokerReader.class);

    private final QueueSource management;
    private final QueueSource amqp;
    private String lastSource = BrokerReading.MANAGEMENT;

    @Inject
    public BrokerReader(ManagementApi management, AmqpPassiveDeclare amqp) {
        this((QueueSource) management, amqp);
    }

    BrokerReader(QueueSource management, QueueSource amqp) {
        this.management = management;
        this.amqp = amqp;
    }

    public BrokerReading read(List<String> queues) {
        String problem;
        try {
            Map<String, QueueFigures> figures = management.read(queues);
            transition(BrokerReading.MANAGEMENT, null);
            return new BrokerReading(
                    BrokerReading.MANAGEMENT, withLiveCounts(figures, queues), null);
        } catch (BrokerUnavailableException e) {
            problem = e.getMessage();
        }
        try {
            Map<String, QueueFigures> figures = amqp.read(queues);
            transition(BrokerReading.AMQP, problem);
            return new BrokerReading(BrokerReading.AMQP, figures, problem);
        } catch (BrokerUnavailableException e) {
            String both = problem + "; " + e.getMessage();
            transition(BrokerReading.UNREACHABLE, both);
            return new BrokerReading(BrokerReading.UNREACHABLE, Map.of(), both);
        }
    }

    private Map<String, QueueFigures> withLiveCounts(
            Map<String, QueueFigures> statistics, List<String> queues) {
        Map<String, QueueFigures> live;
        try {
            live = amqp.read(queues);
        } catch (BrokerUnavailableException e) {
            return statistics;
        }
        Map<String, QueueFigures> merged = new LinkedHashMap<>();
        statistics.forEach(
                (queue, stats) -> {
                    QueueFigures now = live.get(queue);
                    merged.put(
                            queue,
                            now == null || !now.declared() || !stats.declared()
                                    ? stats
                                    : new QueueFigures(
                                            now.ready(),
                                            stats.unacked(),
                                            now.consumers(),
                                            stats.publishRate(),
                                            stats.ackRate(),
                                            now.dlqMessages() != null
                                                    ? now.dlqMessages()
                                                    : stats.dlqMessages(),
                                            true,
                                            true));
                });
        return merged;
    }

    private synchronized void transition(String source, String problem) {
        if (!source.equals(lastSource)) {
            if (problem == null) {
                LOG.infof("event=broker_source source=%s previous=%s", source, lastSource);
            } else {
                LOG.warnf(
                        "event=broker_source source=%s previous=%s problem=\"%s\"",
                        source, lastSource, problem);
            }
            lastSource = source;
        }
    }
}
