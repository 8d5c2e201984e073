package io.vazao.policy.broker;

/** A broker source could not answer; expected during restarts, so it carries no stack trace. */
public class BrokerUnavailableException extends Exception {

    public BrokerUnavailableException(String message) {
        super(message, null, false, false);
    }
}
