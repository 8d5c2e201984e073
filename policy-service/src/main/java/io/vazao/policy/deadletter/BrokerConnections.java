package io.vazao.policy.deadletter;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.vazao.policy.config.VazaoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * AMQP connections for reading and replaying dead letters, to the broker the AMQP fallback uses.
 * One connection per browse or replay: they are rare, and a replay's messages must be requeued by
 * the broker if its connection dies, not share the fate of another operation's channel.
 */
@ApplicationScoped
public class BrokerConnections {

    private final ConnectionFactory factory;

    @Inject
    public BrokerConnections(VazaoConfig config) {
        this(
                config.amqp().host(),
                config.amqp().port(),
                config.amqp().user(),
                config.amqp().password(),
                config.amqp().vhost(),
                (int) config.amqp().timeout().toMillis());
    }

    public BrokerConnections(
            String host, int port, String user, String password, String vhost, int timeoutMillis) {
        factory = factory(host, port, user, password, vhost, timeoutMillis);
        // A basic.get on a long dead-letter queue may take longer than a tick's passive declare.
        factory.setChannelRpcTimeout(Math.max(timeoutMillis, 10_000));
    }

    /**
     * A factory for the policy service's own AMQP connections: timeouts on every step, no automatic
     * recovery.
     */
    public static ConnectionFactory factory(
            String host, int port, String user, String password, String vhost, int timeoutMillis) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setUsername(user);
        f.setPassword(password);
        f.setVirtualHost(vhost);
        f.setConnectionTimeout(timeoutMillis);
        f.setHandshakeTimeout(timeoutMillis);
        f.setChannelRpcTimeout(timeoutMillis);
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        return f;
    }

    public Connection open(String purpose) throws IOException {
        try {
            return factory.newConnection("vazao-policy-service-" + purpose);
        } catch (TimeoutException e) {
            throw new IOException("broker did not answer in time", e);
        }
    }
}
