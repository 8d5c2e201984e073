package io.vazao.engine;

/**
 * A worker that should be replaced, e.g. because its RSS is above the memory limit.
 *
 * @param queue its queue
 * @param workerId the worker
 * @param reason why, with the numbers
 */
public record Recycle(String queue, String workerId, String reason) {}
