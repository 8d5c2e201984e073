package io.vazao.policy.auth;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vazao.contract.SecretRules;
import io.vazao.policy.config.VazaoConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * The secrets the API accepts: the bearer token (configured, or read from / generated into the
 * token file at first start) and the Basic user and password (the password defaults to the token).
 */
@Startup
@ApplicationScoped
public class ApiCredentials {

    private static final Logger LOG = Logger.getLogger(ApiCredentials.class);

    private final VazaoConfig config;
    private String token;
    private String user;
    private String password;

    public ApiCredentials(VazaoConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        var configured = config.api().token().map(String::trim).filter(t -> !t.isEmpty());
        if (configured.isPresent()) {
            token = configured.get();
            LOG.info("event=api_token source=configuration");
        } else {
            TokenFile.Loaded loaded =
                    TokenFile.loadOrCreate(TokenFile.expand(config.api().tokenFile()));
            token = loaded.token();
            LOG.infof(
                    "event=api_token source=file path=%s generated=%s",
                    loaded.path().toAbsolutePath(), loaded.generated());
        }
        user = config.api().user();
        password = config.api().password().filter(p -> !p.isEmpty()).orElse(token);
        refuseWeak("vazao.api.token (VAZAO_API_TOKEN or the token file)", token);
        refuseWeak("vazao.api.password (VAZAO_API_PASSWORD)", password);
    }

    /** A configuration error, so that Quarkus prints the message alone and exits non-zero. */
    private static void refuseWeak(String what, String secret) {
        SecretRules.weakness(secret)
                .ifPresent(
                        why -> {
                            LOG.errorf(
                                    "event=api_secret_refused secret=%s reason=\"%s\"", what, why);
                            throw new ConfigurationException(
                                    "Refusing to start: "
                                            + what
                                            + " "
                                            + why
                                            + "; "
                                            + SecretRules.HOW_TO_GENERATE
                                            + " (at least "
                                            + SecretRules.MIN_LENGTH
                                            + " characters).");
                        });
    }

    public boolean tokenMatches(String presented) {
        return Secrets.matches(presented, token);
    }

    /** Checks an {@code Authorization} header value (Bearer or Basic). */
    public boolean authorizationMatches(String header) {
        if (header == null) {
            return false;
        }
        String h = header.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokenMatches(h.substring(7).trim());
        }
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded =
                        new String(
                                Base64.getDecoder().decode(h.substring(6).trim()),
                                StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return false;
            }
            // Both halves are always compared, so a wrong user takes as long as a wrong password.
            boolean userOk = Secrets.matches(decoded.substring(0, colon), user);
            boolean passwordOk = Secrets.matches(decoded.substring(colon + 1), password);
            return userOk & passwordOk;
        }
        return false;
    }
}
