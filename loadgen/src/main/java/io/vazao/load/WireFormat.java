package io.vazao.load;

import com.rabbitmq.client.AMQP;
import io.vazao.contract.CeleryProtocol;
import java.util.Date;
import java.util.Map;

/**
 * How the load generator writes a payload: plain JSON (what the seed's load generator published),
 * or the Celery protocol-2 task message the replaced system's producers send for the same payload
 * ({@code process_queue1} for orders, {@code process_queue2} for payments; task id = message id).
 */
public enum WireFormat {
    JSON(false, false),
    /** Celery task messages with {@code ignore_result}: no result records. */
    CELERY(true, false),
    /** Celery task messages that ask for their results, as the old application's did. */
    CELERY_WITH_RESULTS(true, true);

    private static final String ORIGIN = "vazao-load";

    private final boolean celery;
    private final boolean results;

    WireFormat(boolean celery, boolean results) {
        this.celery = celery;
        this.results = results;
    }

    public boolean celery() {
        return celery;
    }

    /** The body for a payload already serialized as JSON. */
    public byte[] body(byte[] payloadJson) {
        return celery ? CeleryProtocol.taskBody(payloadJson) : payloadJson;
    }

    /** The message properties; {@code payments} picks the payment task. */
    public AMQP.BasicProperties properties(String id, boolean payments) {
        AMQP.BasicProperties.Builder b =
                new AMQP.BasicProperties.Builder()
                        .contentType(CeleryProtocol.CONTENT_TYPE_JSON)
                        .deliveryMode(2)
                        .messageId(id)
                        .timestamp(new Date());
        if (!celery) {
            return b.build();
        }
        Map<String, Object> headers =
                CeleryProtocol.taskHeaders(
                        payments ? CeleryProtocol.TASK_PAYMENTS : CeleryProtocol.TASK_ORDERS,
                        id,
                        ORIGIN);
        headers.put(CeleryProtocol.H_IGNORE_RESULT, !results);
        return b.contentEncoding(CeleryProtocol.CONTENT_ENCODING)
                .correlationId(id)
                .headers(headers)
                .build();
    }
}
