package io.vazao.policy.deadletter;

import java.util.Map;

/**
 * One message of a dead-letter queue as the API shows it.
 *
 * @param position 0-based place in the dead-letter queue when it was read
 * @param messageId the AMQP message id, else null
 * @param reason {@code x-vazao-reason}, or {@code unknown}
 * @param attempts {@code x-vazao-attempts}, null when absent
 * @param detail {@code x-vazao-detail}, null when absent
 * @param deadLetteredAt epoch ms it was dead-lettered (header, else the message timestamp), null
 *     when unknown
 * @param replayed how many times it was replayed before, 0 when never
 * @param headers every header as text
 * @param bodyBytes size of the body
 * @param bodyPreview the body's first bytes as UTF-8 text (invalid sequences replaced)
 */
public record DeadLetter(
        long position,
        String messageId,
        String reason,
        Integer attempts,
        String detail,
        Long deadLetteredAt,
        int replayed,
        Map<String, String> headers,
        int bodyBytes,
        String bodyPreview) {}
