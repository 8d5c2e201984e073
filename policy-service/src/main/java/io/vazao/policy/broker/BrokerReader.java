package io.vazao.policy.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads the managed queues' figures: the management API first, AMQP passive declare when it cannot
 * answer, and "unreachable" (so the engine holds the last targets) when neither can. Each change of
 * state is logged once.
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
            return new BrokerReading(BrokerReading.MANAGEMENT, figures, null);
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

    private synchronized void transition(String source, String problem) {
        if (!source.equals(lastSource)) {
            if (problem == null) {
                LOG.infof("event=broker_source source=%s previous=%s", source, lastSource);
            } else {
                LOG.warnf("event=broker_source source=%s previous=%s problem=\"%s\"", source, lastSource, problem);
            }
            lastSource = source;
        }
    }
}
