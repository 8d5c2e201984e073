package io.vazao.policy.loop;

import io.vazao.contract.Policy;
import io.vazao.contract.Settings;
import io.vazao.policy.api.QueueNames;
import io.vazao.policy.config.VazaoConfig;
import io.vazao.policy.store.PolicyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * First start: default settings and a policy for each bootstrap queue, each written only if absent
 * (SET NX), so a restart never overwrites what an operator changed.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);

    private final PolicyStore store;
    private final Map<String, Double> queues;
    private volatile boolean done;

    public Bootstrap(PolicyStore store, VazaoConfig config) {
        this.store = store;
        this.queues = parse(config.bootstrapQueues());
    }

    /** Parses {@code queue[:weight]} entries; a missing weight means 1. */
    public static Map<String, Double> parse(List<String> entries) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            String queue = colon < 0 ? entry : entry.substring(0, colon).trim();
            double weight;
            try {
                weight = colon < 0 ? 1.0 : Double.parseDouble(entry.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "vazao.bootstrap-queues: bad weight in '" + entry + "'");
            }
            if (!QueueNames.valid(queue) || !(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException(
                        "vazao.bootstrap-queues: bad entry '" + entry + "'");
            }
            out.put(queue, weight);
        }
        return out;
    }

    public boolean done() {
        return done;
    }

    /** Writes what is missing; throws StoreUnavailableException when Redis cannot be reached. */
    public void ensure() {
        if (done) {
            return;
        }
        if (store.putSettingsIfAbsent(Settings.defaults())) {
            LOG.infof("event=bootstrap_settings budget=%d", Settings.DEFAULT_MAX_TOTAL_WORKERS);
        }
        for (Map.Entry<String, Double> e : queues.entrySet()) {
            if (store.putPolicyIfAbsent(e.getKey(), Policy.defaults(e.getValue()))) {
                LOG.infof("event=bootstrap_policy queue=%s weight=%s", e.getKey(), e.getValue());
            }
        }
        done = true;
    }
}
