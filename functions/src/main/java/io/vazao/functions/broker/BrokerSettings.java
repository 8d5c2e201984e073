package io.vazao.functions.broker;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The same broker address and credentials the messaging connector uses. */
@Singleton
public class BrokerSettings {

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String virtualHost;

    public BrokerSettings(
            @ConfigProperty(name = "rabbitmq-host", defaultValue = "127.0.0.1") String host,
            @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672") int port,
            @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest") String username,
            @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest") String password,
            @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/")
                    String virtualHost) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.virtualHost = virtualHost;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String virtualHost() {
        return virtualHost;
    }

    public String address() {
        return host + ":" + port;
    }
}
