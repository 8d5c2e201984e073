package io.vazao.functions.celery;

import java.time.Instant;

/**
 * What a Celery protocol-2 task message's headers say about the task.
 *
 * @param id the task id (the result key's suffix)
 * @param name the task name
 * @param retries how many times Celery already retried it: counted as attempts already made
 * @param eta not to run before this instant (Celery turns {@code countdown} into it); null: now
 * @param expires not to run at or after this instant; null: never expires
 * @param resultWanted false when the producer sent {@code ignore_result}
 */
public record CeleryTask(
        String id, String name, int retries, Instant eta, Instant expires, boolean resultWanted) {}
