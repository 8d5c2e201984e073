package io.vazao.policy.store;

/** Redis could not be reached or answered with an error; the API answers 503, the loop holds. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
