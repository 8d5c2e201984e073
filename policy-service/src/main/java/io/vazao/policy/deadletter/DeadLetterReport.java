package io.vazao.policy.deadletter;

import java.util.List;
import java.util.Map;

/**
 * What a dead-letter queue holds: the body of {@code GET /api/v1/queues/{queue}/dead-letters}.
 *
 * @param queue the work queue
 * @param deadLetterQueue its dead-letter queue
 * @param depth messages in the dead-letter queue when it was read
 * @param scanned messages read to count reasons (at most the scan limit)
 * @param complete true when every message was read, so the counts are exact
 * @param byReason messages per reason among those scanned, most frequent first
 * @param oldest earliest dead-letter time among those scanned (epoch ms), null when none is known
 * @param newest latest dead-letter time among those scanned (epoch ms), null when none is known
 * @param offset position of the first message of the page
 * @param messages the page
 */
public record DeadLetterReport(
        String queue,
        String deadLetterQueue,
        long depth,
        long scanned,
        boolean complete,
        Map<String, Long> byReason,
        Long oldest,
        Long newest,
        long offset,
        List<DeadLetter> messages) {}
