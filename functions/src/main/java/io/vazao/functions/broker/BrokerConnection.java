package io.vazao.functions.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.WorkerIdentity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The worker's AMQP connections. The consuming connection declares the topology and carries the
 * subscription and its acks; its state is what readiness reports, so readiness follows the broker
 * while liveness does not. Dead letters and delayed retries are published on a second connection,
 * opened at the first publish: a broker short of memory or disk blocks every connection that
 * publishes and stops reading from it, and on a shared connection one blocked dead letter would
 * hold back the acks of every message processed after it, stalling consumption at the prefetch
 * until the alarm clears. The client library recovers both connections after a broker restart; only
 * the first consuming connection is retried here.
 */
@ApplicationScoped
public class BrokerConnection {

    private static final Logger LOG = Logger.getLogger(BrokerConnection.class);
    private static final long RETRY_MILLIS = 2_000;

    private final ConnectionFactory factory;
    private final TopologyDeclarer topology;
    private final String address;
    private final String connectionName;
    private final ScheduledExecutorService retry =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "vazao-broker-connect");
                        t.setDaemon(true);
                        return t;
                    });
    private volatile Connection connection;
    private volatile Connection publishing;
    private volatile boolean publishingBlocked;
    private volatile boolean closed;
    private volatile boolean topologyDeclared;
    private volatile boolean loggedDown;
    private final List<Runnable> readyListeners = new CopyOnWriteArrayList<>();
    private final DeliveryThreads deliveryThreads = new DeliveryThreads(2);

    @Inject
    public BrokerConnection(
            BrokerSettings settings,
            TopologyDeclarer topology,
            WorkerIdentity identity,
            FunctionsConfig config) {
        this.topology = topology;
        this.address = settings.address();
        this.connectionName = "vazao-worker " + identity.workerId();
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(settings.host());
        f.setPort(settings.port());
        f.setUsername(settings.username());
        f.setPassword(settings.password());
        f.setVirtualHost(settings.virtualHost());
        f.setAutomaticRecoveryEnabled(true);
        // Topology is re-declared on recovery by this class (declare()), with its own short-lived
        // channels.
        f.setTopologyRecoveryEnabled(false);
        f.setNetworkRecoveryInterval(1_000);
        f.setConnectionTimeout(5_000);
        f.setRequestedHeartbeat(10);
        f.setMaxInboundMessageBodySize(config.maxInboundMessageBytes());
        HeapForBodies.check(config.maxInboundMessageBytes(), Runtime.getRuntime().maxMemory());
        f.setSharedExecutor(deliveryThreads);
        this.factory = f;
    }

    /**
     * Connects and declares the topology, or schedules retries when the broker is not there yet.
     */
    public void start() {
        if (!connectOnce()) {
            retry.schedule(this::retryConnect, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void retryConnect() {
        if (closed) {
            return;
        }
        if (!connectOnce()) {
            retry.schedule(this::retryConnect, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized boolean connectOnce() {
        if (closed) {
            return true;
        }
        try {
            if (connection == null) {
                Connection c = factory.newConnection(connectionName);
                ((Recoverable) c)
                        .addRecoveryListener(
                                RecoveryEvents.of(
                                        () ->
                                                LOG.infof(
                                                        "event=broker-connection-lost broker=%s",
                                                        address),
                                        () -> {
                                            LOG.infof(
                                                    "event=broker-reconnected broker=%s", address);
                                            loggedDown = false;
                                            // The listeners declare the topology themselves and
                                            // retry with back-off if that fails.
                                            ready();
                                        }));
                connection = c;
                LOG.infof("event=broker-connected broker=%s", address);
            }
            declare();
            ready();
            return true;
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (!loggedDown) {
                LOG.warnf(
                        "event=broker-unreachable broker=%s error=\"%s\" retryMillis=%d",
                        address, e, RETRY_MILLIS);
                loggedDown = true;
            }
            return false;
        }
    }

    /**
     * Runs {@code listener} whenever the connection is up with the topology declared: now if it
     * already is, and again after every recovery (consumers are not recovered by the client here).
     */
    public void onReady(Runnable listener) {
        readyListeners.add(listener);
        if (isOpen() && topologyDeclared) {
            listener.run();
        }
    }

    private void ready() {
        for (Runnable listener : readyListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warnf("event=broker-ready-listener-failed error=\"%s\"", e);
            }
        }
    }

    /** Declares the topology again on a short-lived channel; throws while the broker refuses. */
    public void declareTopology() throws IOException, TimeoutException {
        declare();
    }

    private void declare() throws IOException, TimeoutException {
        try (Channel ch = connection.createChannel()) {
            topology.declare(ch);
        }
        topologyDeclared = true;
    }

    /**
     * Runs {@code hook} on the delivery thread whenever it has handed over the deliveries it had
     * (the end of each block of consumer callbacks). It must be quick and must not throw.
     */
    public void afterDeliveryBlock(Runnable hook) {
        deliveryThreads.afterEachBlock(hook);
    }

    /** True while the connection to the broker is open. */
    public boolean isOpen() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    public boolean topologyDeclared() {
        return topologyDeclared;
    }

    /** A new channel on the connection; throws IOException while the broker is unreachable. */
    public Channel createChannel() throws IOException {
        return channelOn(connection);
    }

    private Channel channelOn(Connection c) throws IOException {
        if (c == null || !c.isOpen()) {
            throw new IOException("broker " + address + " is not connected");
        }
        Channel ch = c.createChannel();
        if (ch == null) {
            throw new IOException("no channel available on the connection to " + address);
        }
        return ch;
    }

    /**
     * A new channel on the publishing connection, opened now if it is not yet; throws IOException
     * while the broker is unreachable.
     */
    public Channel createPublishingChannel() throws IOException {
        return channelOn(publishingConnection());
    }

    private synchronized Connection publishingConnection() throws IOException {
        Connection c = publishing;
        if (c != null) {
            return c; // recovered by the client after a broker restart
        }
        if (closed) {
            throw new IOException("the worker is stopping");
        }
        try {
            c = factory.newConnection(publishingConnectionName());
        } catch (TimeoutException e) {
            throw new IOException("broker " + address + " did not answer in time", e);
        }
        c.addBlockedListener(
                reason -> {
                    publishingBlocked = true;
                    LOG.warnf(
                            "event=broker-blocked-publishing broker=%s reason=\"%s\""
                                    + " effect=\"dead letters and retries wait; consuming goes"
                                    + " on\"",
                            address, reason);
                },
                () -> {
                    publishingBlocked = false;
                    LOG.infof("event=broker-unblocked-publishing broker=%s", address);
                });
        // A connection lost while blocked is never told it is unblocked; the recovered one starts
        // unblocked (the broker blocks it again at its first publish if the alarm is still on).
        c.addShutdownListener(
                cause -> {
                    boolean wasBlocked = publishingBlocked;
                    publishingBlocked = false;
                    if (!cause.isInitiatedByApplication()) {
                        LOG.infof(
                                "event=broker-publishing-connection-lost broker=%s wasBlocked=%b",
                                address, wasBlocked);
                    }
                });
        // The loss is logged by the shutdown listener, with the block it forgot.
        ((Recoverable) c)
                .addRecoveryListener(
                        RecoveryEvents.of(
                                () -> {},
                                () ->
                                        LOG.infof(
                                                "event=broker-publishing-reconnected broker=%s",
                                                address)));
        publishing = c;
        return c;
    }

    /** The client-provided name of the connection dead letters and retries are published on. */
    public String publishingConnectionName() {
        return connectionName + " publishing";
    }

    /** True while the broker blocks the publishing connection (a memory or disk alarm). */
    public boolean publishingBlocked() {
        return publishingBlocked;
    }

    @PreDestroy
    void close() {
        closed = true;
        retry.shutdownNow();
        closeQuietly(publishing);
        closeQuietly(connection);
        deliveryThreads.shutdown();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close(2_000);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("closing broker connection: %s", e);
            }
        }
    }
}
