package io.vazao.policy.store;

import io.vazao.contract.RedisKeys;
import io.vazao.policy.config.VazaoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The key layout under the configured prefix. */
@ApplicationScoped
public class KeysProducer {

    @Produces
    @Singleton
    RedisKeys redisKeys(VazaoConfig config) {
        return new RedisKeys(config.keyPrefix());
    }
}
