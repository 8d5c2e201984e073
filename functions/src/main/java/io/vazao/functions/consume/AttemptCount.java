package io.vazao.functions.consume;

import com.rabbitmq.client.AMQP;
import io.vazao.contract.DeadLetterHeaders;

/**
 * Attempts a message has had before this delivery: the {@code x-vazao-attempts} header a delayed
 * retry carries, else 0 (a fresh message, or one replayed from the dead-letter queue, which drops
 * it).
 */
final class AttemptCount {

    private AttemptCount() {}

    static int before(AMQP.BasicProperties properties) {
        if (properties == null) {
            return 0;
        }
        return DeadLetterHeaders.text(properties.getHeaders(), DeadLetterHeaders.ATTEMPTS)
                .map(
                        s -> {
                            try {
                                return Math.max(0, Integer.parseInt(s.trim()));
                            } catch (NumberFormatException e) {
                                return 0;
                            }
                        })
                .orElse(0);
    }
}
