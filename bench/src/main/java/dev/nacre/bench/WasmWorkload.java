package dev.nacre.bench;

import dev.nacre.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One thing to run in a module: a tool call by the ABI ({@code argv = [MODULE, "call", TOOL]}, the
 * arguments on stdin) or, for the benchmark's own guests, a plain program ({@code argv = [MODULE]},
 * no stdin, {@code tool} empty).
 */
record WasmWorkload(String label, String module, byte[] wasm, String tool, Json.Obj arguments, byte[] stdin) {

    static WasmWorkload call(String label, String module, byte[] wasm, String tool, Json.Obj arguments) {
        return new WasmWorkload(label, module, wasm, tool, arguments, arguments.print().getBytes(StandardCharsets.UTF_8));
    }

    static WasmWorkload program(String label, String module, byte[] wasm) {
        return new WasmWorkload(label, module, wasm, "", Json.object().build(), new byte[0]);
    }

    List<String> argv() {
        return tool.isEmpty() ? List.of(module) : List.of(module, "call", tool);
    }
}
