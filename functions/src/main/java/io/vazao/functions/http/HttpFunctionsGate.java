package io.vazao.functions.http;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vazao.functions.config.FunctionsConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Applies {@link HttpFunctionsAccess} in front of every HTTP route of the worker. */
@ApplicationScoped
public class HttpFunctionsGate {

    private static final Logger LOG = Logger.getLogger(HttpFunctionsGate.class);

    /** Ahead of Funqy's routes. */
    private static final int PRIORITY = 50;

    private final HttpFunctionsAccess access;

    public HttpFunctionsGate(FunctionsConfig config) {
        try {
            this.access =
                    HttpFunctionsAccess.of(
                            config.httpFunctions().enabled(), config.httpFunctions().token());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Refusing to start: " + e.getMessage());
        }
        LOG.infof("event=http_functions enabled=%s", config.httpFunctions().enabled());
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        switch (access.decide(
                rc.normalizedPath(), rc.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            case PASS -> rc.next();
            case NOT_FOUND -> rc.response().setStatusCode(404).end();
            case UNAUTHORIZED ->
                    rc.response()
                            .setStatusCode(401)
                            .putHeader("WWW-Authenticate", "Bearer realm=\"vazao\"")
                            .end();
        }
    }
}
