package io.vazao.functions.ratelimit;

import io.vazao.contract.RedisKeys;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.QueueBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

@ApplicationScoped
public class RateLimiterProducer {

    @Produces
    @Singleton
    RateLimiter rateLimiter(
            RedisTokenSource source, RedisKeys keys, QueueBinding binding, FunctionsConfig config) {
        return new RateLimiter(
                source, keys.rateLimit(binding.queue()), config.prefetch(), System::nanoTime);
    }
}
