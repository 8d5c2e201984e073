package io.vazao.policy.health;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vazao.policy.store.RedisFailures;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while Redis answers: without it there are no policies to apply and no targets to write. */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    private final RedisDataSource redis;

    public RedisReadiness(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            redis.execute("PING");
            return HealthCheckResponse.up("redis");
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("redis").down().withData("error", RedisFailures.describe(e)).build();
        }
    }
}
