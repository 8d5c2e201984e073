package io.vazao.policy.deadletter;

import com.rabbitmq.client.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/** Reads a dead-letter queue for the API, unless a replay holds it. */
@ApplicationScoped
public class DeadLetterReader {

    private final BrokerConnections connections;
    private final DeadLetterLocks locks;
    private final DeadLetterBrowser browser;

    @Inject
    public DeadLetterReader(
            BrokerConnections connections, DeadLetterLocks locks, DeadLetterConfig config) {
        this.connections = connections;
        this.locks = locks;
        this.browser = new DeadLetterBrowser(config.scanLimit(), config.previewBytes());
    }

    /** What {@link #read} found: the report, no dead-letter queue, or who holds it. */
    public sealed interface Read {
        record Found(DeadLetterReport report) implements Read {}

        record Missing() implements Read {}

        record Busy(String holder) implements Read {}
    }

    public Read read(String queue, long offset, int limit) throws IOException {
        String holder = "read " + UUID.randomUUID();
        Optional<String> busy = locks.tryTake(queue, holder);
        if (busy.isPresent()) {
            return new Read.Busy(busy.get());
        }
        try (Connection c = connections.open("dead-letters")) {
            return browser.read(c, queue, offset, limit)
                    .<Read>map(Read.Found::new)
                    .orElse(new Read.Missing());
        } finally {
            locks.release(queue, holder);
        }
    }
}
