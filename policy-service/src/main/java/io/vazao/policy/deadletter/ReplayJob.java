package io.vazao.policy.deadletter;

/**
 * A replay as the API reports it.
 *
 * @param id job id, for {@code GET …/dead-letters/replay/{id}}
 * @param queue the work queue the dead letters go back to
 * @param reason the reason replayed, null = all
 * @param max the maximum asked for, null = all
 * @param ratePerSecond the rate asked for, null = unlimited
 * @param state {@code running}, {@code done}, {@code cancelled} or {@code failed}
 * @param moved messages back in the work queue and gone from the dead-letter queue
 * @param skipped messages of another reason left in place
 * @param achievedRate moved per second so far
 * @param startedAt epoch ms
 * @param finishedAt epoch ms, null while running
 * @param error why it failed, else null
 */
public record ReplayJob(
        String id,
        String queue,
        String reason,
        Long max,
        Double ratePerSecond,
        String state,
        long moved,
        long skipped,
        double achievedRate,
        long startedAt,
        Long finishedAt,
        String error) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String CANCELLED = "cancelled";
    public static final String FAILED = "failed";

    public boolean finished() {
        return !RUNNING.equals(state);
    }
}
