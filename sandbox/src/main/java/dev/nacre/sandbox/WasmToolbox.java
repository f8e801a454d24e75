package dev.nacre.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * All tools of all modules in a tools directory, ready for a {@link dev.nacre.runtime.Toolbox}.
 * Modules that fail to load or describe, and tools whose name another module already took,
 * are reported as one-line problems and left out.
 */
public record WasmToolbox(List<WasmTool> tools, List<String> problems) {

    public WasmToolbox {
        tools = List.copyOf(tools);
        problems = List.copyOf(problems);
    }

    public static WasmToolbox load(Sandbox sandbox, Path toolsDirectory, Consumer<Audit> audits) {
        var dir = ToolDirectory.scan(toolsDirectory);
        return of(sandbox, dir.packages(), dir.problems(), audits);
    }

    /** The tools of these packages; {@code earlierProblems} (from loading them) are carried along. */
    public static WasmToolbox of(Sandbox sandbox, List<ToolPackage> packages, List<String> earlierProblems,
                                 Consumer<Audit> audits) {
        var tools = new ArrayList<WasmTool>();
        var problems = new ArrayList<>(earlierProblems);
        var names = new HashSet<String>();
        for (var p : packages) {
            try {
                for (var tool : WasmTool.all(sandbox, p.module(), p.policy(), audits)) {
                    if (names.add(tool.spec().name())) {
                        tools.add(tool);
                    } else {
                        problems.add("module " + p.module().name() + ": tool " + tool.spec().name()
                                + " is already provided by another module; skipped");
                    }
                }
            } catch (SandboxException e) {
                problems.add(e.getMessage());
            }
        }
        return new WasmToolbox(tools, problems);
    }
}
