package io.vazao.policy.api;

import java.util.regex.Pattern;

/** Which queue names the API accepts for new policies: safe in Redis keys, URLs and RabbitMQ. */
public final class QueueNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private QueueNames() {}

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static void requireValid(String name) {
        if (!valid(name)) {
            throw ApiException.badRequest(
                    "invalid queue name",
                    "queue",
                    "must be 1-200 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
