package io.vazao.cli;

/** What the {@code vazao} command's exit status means; documented in docs/cli.md. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;

    /** Something unexpected failed (the message says what). */
    public static final int ERROR = 1;

    /** Wrong usage: unknown command or option, bad value. */
    public static final int USAGE = 2;

    /** A service did not answer: the policy service, RabbitMQ or Redis. */
    public static final int UNREACHABLE = 3;

    /** The policy service refused the credentials (401). */
    public static final int UNAUTHORIZED = 4;

    /** The queue (or resource) is unknown (404). */
    public static final int NOT_FOUND = 5;

    /**
     * The policy service rejected the request (400, 413, 415); the message names the field and
     * rule.
     */
    public static final int REJECTED = 6;

    /**
     * A check failed: demo found lost messages, a component did not come up, a load run was not
     * fully confirmed.
     */
    public static final int CHECK_FAILED = 7;

    private ExitCodes() {}
}
