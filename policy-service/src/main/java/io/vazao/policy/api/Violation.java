package io.vazao.policy.api;

/** One broken rule of a request: which field, and what it must be. */
public record Violation(String field, String rule) {}
