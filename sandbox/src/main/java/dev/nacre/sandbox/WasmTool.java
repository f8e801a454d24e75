package dev.nacre.sandbox;

import dev.nacre.core.Json;
import dev.nacre.core.ToolSpec;
import dev.nacre.runtime.Tool;
import dev.nacre.runtime.ToolContext;
import dev.nacre.runtime.ToolResult;
import java.util.List;
import java.util.function.Consumer;

/**
 * One tool of one Wasm module, under its policy, as a {@link Tool} the agent can call (toolset
 * "wasm"). Failures become error results whose text starts with the error kind; every call's
 * {@link Audit} goes to the sink so the caller can journal it.
 */
public final class WasmTool implements Tool {
    public static final String TOOLSET = "wasm";

    private final Sandbox sandbox;
    private final ToolModule module;
    private final Policy policy;
    private final ToolDescriptor descriptor;
    private final Consumer<Audit> audits;

    public WasmTool(Sandbox sandbox, ToolModule module, Policy policy, ToolDescriptor descriptor, Consumer<Audit> audits) {
        this.sandbox = sandbox;
        this.module = module;
        this.policy = policy;
        this.descriptor = descriptor;
        this.audits = audits;
    }

    /** Every tool the module describes; throws {@link SandboxException} (invalid_module) if describe fails. */
    public static List<WasmTool> all(Sandbox sandbox, ToolModule module, Policy policy, Consumer<Audit> audits) {
        return sandbox.describe(module).stream().map(d -> new WasmTool(sandbox, module, policy, d, audits)).toList();
    }

    @Override
    public ToolSpec spec() {
        return ToolSpec.of(descriptor.name(), descriptor.description(), descriptor.inputSchema(), TOOLSET);
    }

    public ToolModule module() {
        return module;
    }

    public Policy policy() {
        return policy;
    }

    @Override
    public ToolResult call(Json.Obj arguments, ToolContext context) throws InterruptedException {
        CallResult result = sandbox.call(module, policy, descriptor.name(), arguments);
        audits.accept(result.audit());
        context.audit().accept(result.audit().toJson());
        if (Thread.interrupted()) throw new InterruptedException("tool " + descriptor.name() + " was cancelled");
        if (!result.ok() || result.toolError()) return ToolResult.error(result.text());
        return ToolResult.ok(result.text());
    }
}
