package dev.nacre.sandbox;

/** A module with the policy it runs under (its {@code NAME.policy.yaml}, or deny-all without one). */
public record ToolPackage(ToolModule module, Policy policy) {}
