package dev.nacre.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/** A module and the policy it runs under. */
public record ToolPackage(ToolModule module, Policy policy) {

    /** Reads {@code NAME.wasm} and the {@code NAME.policy.yaml} beside it; no policy file means deny-all. */
    public static ToolPackage load(Path wasmFile) {
        var module = ToolModule.fromFile(wasmFile);
        Path policyFile = wasmFile.resolveSibling(module.name() + ".policy.yaml");
        return new ToolPackage(module, Files.exists(policyFile) ? Policy.load(policyFile) : Policy.denyAll());
    }
}
