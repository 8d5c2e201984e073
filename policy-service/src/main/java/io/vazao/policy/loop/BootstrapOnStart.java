package io.vazao.policy.loop;

import io.quarkus.runtime.StartupEvent;
import io.vazao.policy.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Tries the bootstrap at start; when Redis is not there yet, the control loop retries every tick.
 */
@ApplicationScoped
public class BootstrapOnStart {

    private static final Logger LOG = Logger.getLogger(BootstrapOnStart.class);

    void onStart(@Observes StartupEvent event, Bootstrap bootstrap) {
        try {
            bootstrap.ensure();
        } catch (StoreUnavailableException e) {
            LOG.warnf("event=bootstrap_deferred error=\"%s\"", e.getMessage());
        }
    }
}
