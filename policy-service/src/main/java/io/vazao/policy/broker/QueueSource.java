package io.vazao.policy.broker;

import java.util.List;
import java.util.Map;

/** One way of reading queue figures from the broker. */
public interface QueueSource {

    /** Figures for every queue asked for, or an exception when the source cannot answer at all. */
    Map<String, QueueFigures> read(List<String> queues) throws BrokerUnavailableException;
}
