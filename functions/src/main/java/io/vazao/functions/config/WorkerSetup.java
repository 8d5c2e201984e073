package io.vazao.functions.config;

import io.vazao.contract.RedisKeys;
import io.vazao.functions.celery.DeliveryDecoder;
import io.vazao.functions.celery.TaskMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Derives the worker's fixed facts from configuration once, at start. */
@ApplicationScoped
public class WorkerSetup {

    @Produces
    @Singleton
    QueueBinding queueBinding(FunctionsConfig config) {
        return QueueBinding.resolve(
                config.queue(), config.exchange(), config.function(), config.routingKey());
    }

    @Produces
    @Singleton
    WorkerIdentity identity(
            FunctionsConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
                    String version) {
        return WorkerIdentity.current(config.workerId(), version);
    }

    @Produces
    @Singleton
    RedisKeys redisKeys(FunctionsConfig config) {
        return new RedisKeys(config.keyPrefix());
    }

    @Produces
    @Singleton
    DeliveryDecoder decoder(QueueBinding binding, FunctionsConfig config) {
        return new DeliveryDecoder(
                binding.kind(),
                config.maxMessageBytes(),
                TaskMapping.parse(config.celery().tasks()));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
