package io.vazao.policy.deadletter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code vazao.dead-letters.*}: how much of a dead-letter queue is read to show it. */
@ConfigMapping(prefix = "vazao.dead-letters")
public interface DeadLetterConfig {

    /** At most this many messages are read to count reasons; beyond it the counts are partial. */
    @WithDefault("10000")
    int scanLimit();

    /** Bytes of each body shown as its preview. */
    @WithDefault("256")
    int previewBytes();
}
