package io.vazao.policy.store;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.KeyScanCursor;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Policies and settings in Redis: the API writes them, the control loop reads them every tick. */
@ApplicationScoped
public class PolicyStore {

    private final RedisKeys keys;
    private final ValueCommands<String, String> values;
    private final KeyCommands<String> keyCommands;
    private final HashCommands<String, String, String> hashes;
    private final RedisDataSource redis;

    public PolicyStore(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.values = redis.value(String.class);
        this.keyCommands = redis.key();
        this.hashes = redis.hash(String.class);
    }

    public StoredPolicies policies() {
        return call(
                "read policies",
                () -> {
                    List<String> policyKeys = new ArrayList<>();
                    KeyScanCursor<String> cursor =
                            keyCommands.scan(
                                    new KeyScanArgs().match(keys.policyPattern()).count(500));
                    while (cursor.hasNext()) {
                        policyKeys.addAll(cursor.next());
                    }
                    Map<String, Policy> policies = new TreeMap<>();
                    List<String> errors = new ArrayList<>();
                    if (policyKeys.isEmpty()) {
                        return new StoredPolicies(policies, errors);
                    }
                    Map<String, String> raw = values.mget(policyKeys.toArray(String[]::new));
                    for (String key : policyKeys) {
                        String queue = keys.queueOfPolicyKey(key);
                        String json = raw.get(key);
                        if (queue == null || json == null) {
                            continue; // deleted between SCAN and MGET
                        }
                        try {
                            policies.put(queue, Json.read(json, Policy.class));
                        } catch (IllegalArgumentException e) {
                            errors.add("policy of " + queue + " is unreadable: " + e.getMessage());
                        }
                    }
                    return new StoredPolicies(policies, errors);
                });
    }

    public Optional<Policy> policy(String queue) {
        return call(
                "read policy",
                () ->
                        Optional.ofNullable(values.get(keys.policy(queue)))
                                .map(json -> Json.read(json, Policy.class)));
    }

    /** The policy with its version, for conditional writes. */
    public Optional<Versioned<Policy>> versionedPolicy(String queue) {
        return call(
                "read policy",
                () ->
                        Optional.ofNullable(values.get(keys.policy(queue)))
                                .map(
                                        json ->
                                                new Versioned<>(
                                                        Json.read(json, Policy.class),
                                                        Versioned.tagOf(json))));
    }

    /**
     * Writes the policy only if the stored one still has version {@code expectedTag}; the new
     * version, or empty.
     */
    public Optional<String> putPolicyIf(String queue, String expectedTag, Policy policy) {
        String json = Json.write(policy);
        return call(
                "write policy",
                () ->
                        CompareAndSet.setIf(redis, keys.policy(queue), expectedTag, json)
                                ? Optional.of(Versioned.tagOf(json))
                                : Optional.empty());
    }

    /** Outcome of a conditional delete. */
    public enum Deleted {
        DELETED,
        CHANGED,
        ABSENT
    }

    /**
     * Deletes the policy and its published target only if the policy still has version {@code
     * expectedTag}.
     */
    public Deleted deletePolicyIf(String queue, String expectedTag) {
        int r =
                call(
                        "delete policy",
                        () ->
                                CompareAndSet.deletePolicyIf(
                                        redis,
                                        keys.policy(queue),
                                        keys.targets(),
                                        keys.target(queue),
                                        expectedTag,
                                        queue));
        return r == 1 ? Deleted.DELETED : r == 0 ? Deleted.CHANGED : Deleted.ABSENT;
    }

    public void putPolicy(String queue, Policy policy) {
        call(
                "write policy",
                () -> {
                    values.set(keys.policy(queue), Json.write(policy));
                    return null;
                });
    }

    /** Writes several policies in one MSET, so a weights change is all or nothing. */
    public void putPolicies(Map<String, Policy> policies) {
        if (policies.isEmpty()) {
            return;
        }
        Map<String, String> writes = new HashMap<>();
        policies.forEach((queue, p) -> writes.put(keys.policy(queue), Json.write(p)));
        call(
                "write policies",
                () -> {
                    values.mset(writes);
                    return null;
                });
    }

    /** Creates the policy unless the queue already has one; true when it was created. */
    public boolean putPolicyIfAbsent(String queue, Policy policy) {
        return call("create policy", () -> values.setnx(keys.policy(queue), Json.write(policy)));
    }

    /**
     * Removes the policy and the queue's published target, so consumers of targets stop seeing it.
     */
    public boolean deletePolicy(String queue) {
        return call(
                "delete policy",
                () -> {
                    var result =
                            redis.withTransaction(
                                    tx -> {
                                        tx.key().del(keys.policy(queue));
                                        tx.hash(String.class).hdel(keys.targets(), queue);
                                        tx.key().del(keys.target(queue));
                                    });
                    Object deleted = result.get(0);
                    return deleted instanceof Number n && n.longValue() > 0;
                });
    }

    /** The stored settings, or the defaults when none are stored. */
    public Settings settings() {
        return storedSettings().orElseGet(Settings::defaults);
    }

    /**
     * Settings for the loop: unreadable stored settings fall back to the defaults, with the error.
     */
    public record SettingsRead(Settings settings, String error) {}

    public SettingsRead settingsForLoop() {
        try {
            return new SettingsRead(settings(), null);
        } catch (IllegalArgumentException e) {
            return new SettingsRead(
                    Settings.defaults(),
                    "settings are unreadable, using defaults: " + e.getMessage());
        }
    }

    public Optional<Settings> storedSettings() {
        return call(
                "read settings",
                () ->
                        Optional.ofNullable(values.get(keys.settings()))
                                .map(json -> Json.read(json, Settings.class)));
    }

    /** The settings with their version ({@link Versioned#ABSENT} while the defaults apply). */
    public Versioned<Settings> versionedSettings() {
        return call(
                "read settings",
                () -> {
                    String json = values.get(keys.settings());
                    return new Versioned<>(
                            json == null ? Settings.defaults() : Json.read(json, Settings.class),
                            Versioned.tagOf(json));
                });
    }

    /**
     * Writes the settings only if the stored ones still have version {@code expectedTag}; the new
     * version, or empty.
     */
    public Optional<String> putSettingsIf(String expectedTag, Settings settings) {
        String json = Json.write(settings);
        return call(
                "write settings",
                () ->
                        CompareAndSet.setIf(redis, keys.settings(), expectedTag, json)
                                ? Optional.of(Versioned.tagOf(json))
                                : Optional.empty());
    }

    public void putSettings(Settings settings) {
        call(
                "write settings",
                () -> {
                    values.set(keys.settings(), Json.write(settings));
                    return null;
                });
    }

    public boolean putSettingsIfAbsent(Settings settings) {
        return call("create settings", () -> values.setnx(keys.settings(), Json.write(settings)));
    }

    /** The published targets hash (queue → workers). */
    public Map<String, Integer> targets() {
        return call("read targets", () -> counts(keys.targets()));
    }

    /** Worker processes per queue, as the local scaler last reported them (empty under KEDA). */
    public Map<String, Integer> processes() {
        return call("read processes", () -> counts(keys.actual()));
    }

    private Map<String, Integer> counts(String key) {
        Map<String, Integer> out = new TreeMap<>();
        hashes.hgetall(key)
                .forEach(
                        (q, v) -> {
                            try {
                                out.put(q, Integer.parseInt(v));
                            } catch (NumberFormatException e) {
                                // a foreign writer's garbage is not a count
                            }
                        });
        return out;
    }

    public Optional<String> targetJson(String queue) {
        return call("read target", () -> Optional.ofNullable(values.get(keys.target(queue))));
    }

    static <T> T call(String what, Supplier<T> action) {
        return RedisCalls.call(what, action);
    }
}
