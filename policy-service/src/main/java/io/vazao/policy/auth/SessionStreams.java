package io.vazao.policy.auth;

import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Ties a server-sent event stream to the browser session that opened it: the stream ends within
 * {@link #CHECK_EVERY} once the session is signed out or expired, instead of streaming on for as
 * long as the connection stays open. Streams opened with an Authorization header are not tied.
 */
@ApplicationScoped
public class SessionStreams {

    public static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final Sessions sessions;

    public SessionStreams(Sessions sessions) {
        this.sessions = sessions;
    }

    public <T> Multi<T> whileSignedIn(String authorization, String sessionId, Multi<T> stream) {
        if (authorization != null || sessionId == null) {
            return stream; // the filter let it in by its Authorization header, which cannot expire
        }
        Multi<Optional<T>> checks =
                Multi.createFrom().ticks().every(CHECK_EVERY).map(tick -> Optional.empty());
        return Multi.createBy()
                .merging()
                .streams(stream.map(Optional::of), checks)
                .select()
                .first(item -> item.isPresent() || sessions.valid(sessionId))
                .filter(Optional::isPresent)
                .map(Optional::get);
    }
}
