package io.vazao.policy.auth;

import io.vazao.policy.api.ApiError;
import io.vazao.policy.api.Violation;
import io.vazao.policy.config.VazaoConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The service's one {@link FailureThrottle}, keyed by the client's address. */
@ApplicationScoped
public class CredentialThrottle {

    private static final Logger LOG = Logger.getLogger(CredentialThrottle.class);

    private final FailureThrottle throttle;

    public CredentialThrottle(VazaoConfig config, Clock clock) {
        var t = config.api().throttle();
        this.throttle =
                new FailureThrottle(
                        new FailureThrottle.Limits(t.maxFailures(), t.window(), t.lockout()),
                        clock);
    }

    /**
     * The client a failure is counted against: its address (the forwarded one when proxy forwarding
     * is on).
     */
    public static String client(HttpServerRequest request) {
        var address = request.remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }

    /** A 429 while the client is throttled, else empty. */
    public Optional<Response> refusal(String client) {
        long seconds = throttle.retryAfterSeconds(client);
        if (seconds == 0) {
            return Optional.empty();
        }
        return Optional.of(
                Response.status(429)
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(
                                new ApiError(
                                        "too many failed attempts",
                                        List.of(
                                                new Violation(
                                                        "Authorization",
                                                        "wrong credentials too often from this client; retry after "
                                                                + seconds
                                                                + " s"))))
                        .build());
    }

    public void failed(String client) {
        throttle.failure(client);
        if (throttle.retryAfterMillis(client) > 0) {
            LOG.warnf(
                    "event=client_throttled client=%s retry_after_s=%d",
                    client, throttle.retryAfterSeconds(client));
        }
    }

    public void succeeded(String client) {
        throttle.success(client);
    }
}
