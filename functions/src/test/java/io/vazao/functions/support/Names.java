package io.vazao.functions.support;

import java.util.concurrent.ThreadLocalRandom;

/** Names of the resources a test creates, unique per run so tests never touch each other's. */
public final class Names {

    private Names() {}

    public static String random() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }

    public static String queue(String purpose) {
        return "t-" + purpose + "-" + random();
    }

    public static String keyPrefix() {
        return "t" + random() + ":";
    }
}
