package io.vazao.policy.loop;

import io.vazao.engine.AdaptiveDecisionEngine;
import io.vazao.engine.DecisionEngine;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The decision engine the control loop calls: a pure function, so one instance serves every tick.
 */
public class EngineProducer {

    @Produces
    @Singleton
    DecisionEngine engine() {
        return new AdaptiveDecisionEngine();
    }
}
