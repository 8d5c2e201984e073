package io.vazao.policy.auth;

import io.vazao.policy.config.VazaoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions: an opaque random id in the {@code vazao_session} cookie, known only to this
 * process (a restart logs browsers out; they log in again with the token).
 */
@ApplicationScoped
public class Sessions {

    public static final String COOKIE = "vazao_session";
    private static final int MAX_SESSIONS = 10_000;

    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final VazaoConfig config;
    private final Clock clock;

    public Sessions(VazaoConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public String create() {
        long now = clock.millis();
        expiries.values().removeIf(expiry -> expiry <= now);
        if (expiries.size() >= MAX_SESSIONS) {
            // Oldest first would need ordering; dropping all is safe: users simply log in again.
            expiries.clear();
        }
        String id = TokenFile.generate();
        expiries.put(id, now + ttlMillis());
        return id;
    }

    public boolean valid(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        Long expiry = expiries.get(id);
        if (expiry == null) {
            return false;
        }
        if (expiry <= clock.millis()) {
            expiries.remove(id);
            return false;
        }
        return true;
    }

    public void end(String id) {
        if (id != null) {
            expiries.remove(id);
        }
    }

    public long ttlMillis() {
        return config.api().sessionTtl().toMillis();
    }
}
