package io.vazao.engine;

import io.vazao.contract.QueueInputs;
import java.util.List;

/** Working state of one queue inside one {@code decide} call. */
final class QueuePlan {
    String queue;
    QueueInputs inputs;
    int previous;
    int floor;
    int want;

    /** What the demand asks for now, below want when a window keeps more; -1: same as want. */
    int need = -1;

    int demand;
    double weight = 1.0;
    boolean held;
    // A reason under a binding budget runs to about 270 characters: room for it without regrowing.
    final StringBuilder reason = new StringBuilder(320);
    // next history
    List<QueueHistory.Recommendation> recommendations = List.of();
    Double rate;
    long depth = -1;
    long panicUntil;
    ArrivalForecast.State forecast;
    SustainedArrivals sustained;
    long backlogSince = -1;

    /** What the engine remembers of this queue for the next tick. */
    QueueHistory history(int target) {
        return new QueueHistory(
                target,
                recommendations,
                rate,
                depth,
                panicUntil,
                forecast,
                sustained,
                backlogSince);
    }
}
