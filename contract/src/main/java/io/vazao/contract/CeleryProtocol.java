package io.vazao.contract;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of Celery's wire formats vazao reads and writes, in one place: task message protocol 2
 * (headers, body {@code [args, kwargs, embed]}), the replaced system's task names, and the Redis
 * result backend's key. These names are Celery's, not vazao's: they carry no {@code vazao:} prefix,
 * because the old Python code looks for exactly them.
 */
public final class CeleryProtocol {

    /** The replaced system's task for orders ({@code business_queue_1}). */
    public static final String TASK_ORDERS = "app.tasks.queue_tasks.process_queue1";

    /** The replaced system's task for payments ({@code business_queue_2}). */
    public static final String TASK_PAYMENTS = "app.tasks.queue_tasks.process_queue2";

    /** Task name → function, when {@code vazao.celery.tasks} is not set. */
    public static final Map<String, String> DEFAULT_TASKS =
            Map.of(
                    TASK_ORDERS, Topology.ORDERS.function(),
                    TASK_PAYMENTS, Topology.PAYMENTS.function());

    public static final String H_LANG = "lang";
    public static final String H_TASK = "task";
    public static final String H_ID = "id";
    public static final String H_ROOT_ID = "root_id";
    public static final String H_PARENT_ID = "parent_id";
    public static final String H_RETRIES = "retries";
    public static final String H_ETA = "eta";
    public static final String H_EXPIRES = "expires";
    public static final String H_COUNTDOWN = "countdown";
    public static final String H_IGNORE_RESULT = "ignore_result";
    public static final String H_ARGSREPR = "argsrepr";
    public static final String H_KWARGSREPR = "kwargsrepr";
    public static final String H_ORIGIN = "origin";

    /** Set by a producer that compressed the body; vazao does not decompress. */
    public static final String H_COMPRESSION = "compression";

    /** The only serializer vazao reads. */
    public static final String CONTENT_TYPE_JSON = "application/json";

    public static final String CONTENT_ENCODING = "utf-8";

    /** Prefix of a task's result key and of the channel the result is published on. */
    public static final String RESULT_KEY_PREFIX = "celery-task-meta-";

    /** Result states vazao writes. */
    public static final String STATE_SUCCESS = "SUCCESS";

    public static final String STATE_FAILURE = "FAILURE";
    public static final String STATE_REVOKED = "REVOKED";

    private CeleryProtocol() {}

    /**
     * {@code celery-task-meta-<id>}: the result backend's key, and the channel its record is
     * published on.
     */
    public static String resultKey(String taskId) {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("task id must not be blank");
        }
        return RESULT_KEY_PREFIX + taskId;
    }

    /**
     * The headers of a protocol-2 task message as Celery 5's {@code send_task} writes them, for a
     * task with no eta, no expiry and results wanted.
     */
    public static Map<String, Object> taskHeaders(String task, String taskId, String origin) {
        Map<String, Object> h = new HashMap<>();
        h.put(H_LANG, "py");
        h.put(H_TASK, task);
        h.put(H_ID, taskId);
        h.put(H_ROOT_ID, taskId);
        h.put(H_PARENT_ID, null);
        h.put(H_RETRIES, 0);
        h.put(H_ETA, null);
        h.put(H_EXPIRES, null);
        h.put("group", null);
        h.put("group_index", null);
        h.put("shadow", null);
        h.put("timelimit", List.of());
        h.put(H_ARGSREPR, "(...)");
        h.put(H_KWARGSREPR, "{}");
        h.put(H_ORIGIN, origin);
        h.put(H_IGNORE_RESULT, false);
        return h;
    }

    /** The body of a task message with one positional argument: {@code [[payload], {}, embed]}. */
    public static byte[] taskBody(byte[] payloadJson) {
        byte[] head = "[[".getBytes(StandardCharsets.US_ASCII);
        byte[] tail =
                "], {}, {\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}]"
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + payloadJson.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payloadJson, 0, out, head.length, payloadJson.length);
        System.arraycopy(tail, 0, out, head.length + payloadJson.length, tail.length);
        return out;
    }
}
