package io.vazao.functions.broker;

import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;

/** The client's recovery callbacks as two actions: when a recovery starts, and when it is done. */
final class RecoveryEvents {

    private RecoveryEvents() {}

    static RecoveryListener of(Runnable started, Runnable recovered) {
        return new RecoveryListener() {
            @Override
            public void handleRecoveryStarted(Recoverable recoverable) {
                started.run();
            }

            @Override
            public void handleRecovery(Recoverable recoverable) {
                recovered.run();
            }
        };
    }
}
