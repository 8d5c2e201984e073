package io.vazao.functions.heartbeat;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The HTTP port this process really listens on, which differs from the configured one when the
 * configuration says 0 (a free port).
 */
@ApplicationScoped
public class BoundPort {

    private final Instance<ValueRegistry> registry;
    private volatile int port;

    @Inject
    public BoundPort(Instance<ValueRegistry> registry) {
        this.registry = registry;
    }

    /** The bound port, or 0 before the HTTP server is up. */
    public int port() {
        int p = port;
        if (p > 0) {
            return p;
        }
        p = lookup();
        port = p;
        return p;
    }

    private int lookup() {
        boolean test = LaunchMode.current() == LaunchMode.TEST;
        if (registry.isResolvable()) {
            Integer p =
                    registry.get()
                            .getOrDefault(
                                    test ? HttpServer.HTTP_TEST_PORT : HttpServer.HTTP_PORT, null);
            if (p != null && p > 0) {
                return p;
            }
        }
        return ConfigProvider.getConfig()
                .getOptionalValue(
                        test ? "quarkus.http.test-port" : "quarkus.http.port", Integer.class)
                .filter(p -> p > 0)
                .orElse(0);
    }
}
