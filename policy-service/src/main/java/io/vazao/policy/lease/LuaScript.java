package io.vazao.policy.lease;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A Lua script shipped next to the class that runs it (listed in the native image's resources). */
public final class LuaScript {

    private LuaScript() {}

    public static String load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
