package io.vazao.policy.store;

import io.vazao.contract.Policy;
import java.util.List;
import java.util.Map;

/**
 * The policies read from Redis, sorted by queue name, with the keys that could not be read (they
 * are configuration errors, reported rather than dropped silently).
 */
public record StoredPolicies(Map<String, Policy> policies, List<String> errors) {}
