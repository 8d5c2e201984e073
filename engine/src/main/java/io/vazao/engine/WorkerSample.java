package io.vazao.engine;

/**
 * One live worker as its last heartbeat reported it.
 *
 * @param workerId the worker
 * @param cpuPercent process CPU, percent of one core
 * @param rssBytes resident set size
 */
public record WorkerSample(String workerId, double cpuPercent, long rssBytes) {}
