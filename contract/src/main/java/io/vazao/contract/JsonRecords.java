package io.vazao.contract;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The contract's types that Jackson reads or writes. A native image keeps no reflection data unless
 * asked, so the Quarkus applications register this one list (they index the contract jar);
 * deploy-tests' NativeSourcesTest checks that the native build registered every entry and that no
 * JSON type of the contract is missing here.
 */
@RegisterForReflection(
        targets = {
            Policy.class,
            Settings.class,
            Target.class,
            QueueInputs.class,
            Heartbeat.class,
            ScalingEvent.class,
            Scenario.class,
            Segment.class,
            EventKind.class,
            Mode.class,
            WorkerState.class,
            QueueType.class,
            RetryPolicy.class,
            CeleryResult.class,
            CeleryResult.Raised.class,
            BudgetShare.class,
            BudgetShare.Effect.class
        })
public final class JsonRecords {

    private JsonRecords() {}
}
