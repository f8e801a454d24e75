package dev.nacre.cli;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import dev.nacre.sandbox.CallResult;
import dev.nacre.sandbox.ErrorKind;
import dev.nacre.sandbox.ModuleDownload;
import dev.nacre.sandbox.Policy;
import dev.nacre.sandbox.ToolModule;
import dev.nacre.sandbox.ToolPackage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nacre tools list | inspect | call | add}: the Wasm tools an operator installs and grants. */
@Command(name = "tools", description = "List, inspect, call and install sandboxed Wasm tools.",
        subcommands = {ToolsCommand.ListTools.class, ToolsCommand.Inspect.class, ToolsCommand.CallTool.class,
                ToolsCommand.Add.class})
final class ToolsCommand implements Runnable {
    private final Context context;

    ToolsCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        var list = new ListTools();
        list.parent = this;
        list.call();
    }

    @Command(name = "list", description = "Every tool of every module in $NACRE_HOME/tools and config.")
    static final class ListTools implements Callable<Integer> {
        @ParentCommand
        ToolsCommand parent;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            var ctx = parent.context;
            var config = ctx.config();
            try (var sandbox = WasmTools.sandbox(ctx)) {
                var box = WasmTools.toolbox(sandbox, ctx.home(), config, audit -> { });
                if (json) {
                    ctx.out().println(Json.object()
                            .put("tools", Json.array(box.tools().stream().map(t -> (Json) Json.object()
                                    .put("name", t.spec().name()).put("module", t.module().name())
                                    .put("sha256", t.module().sha256()).put("description", t.spec().description())
                                    .put("inputSchema", t.spec().parameters()).build()).toList()))
                            .put("problems", Json.array(box.problems().stream().map(Json::of).toList())).build().print());
                } else {
                    if (box.tools().isEmpty()) {
                        ctx.out().println("No Wasm tools installed. Add one with: nacre tools add PATH.wasm (or drop it in "
                                + WasmTools.directory(ctx.home()) + ")");
                    }
                    for (var t : box.tools()) {
                        ctx.out().println(t.module().name() + " · " + t.spec().name() + " — "
                                + SessionsCommand.oneLine(t.spec().description()));
                    }
                    for (String p : box.problems()) ctx.err().println("nacre: " + p);
                }
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "inspect", description = "A module's tools, imports, requested and granted capabilities, sha256.")
    static final class Inspect implements Callable<Integer> {
        @ParentCommand
        ToolsCommand parent;

        @Parameters(index = "0", paramLabel = "MODULE", description = "A .wasm path or an installed module's name.")
        String module;

        @Mixin
        PolicyOption policy = new PolicyOption();

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            var ctx = parent.context;
            var pkg = policy.applyTo(WasmTools.find(module, ctx.home(), ctx.config()));
            try (var sandbox = WasmTools.sandbox(ctx)) {
                var m = pkg.module();
                var tools = sandbox.describe(m);
                var report = Json.object().put("module", m.name()).put("sha256", m.sha256())
                        .put("size", m.bytes().length)
                        .put("imports", Json.array(m.imports().stream().map(Json::of).toList()))
                        .put("requested", Json.array(Capabilities.requested(m.imports()).stream().map(Json::of).toList()))
                        .put("granted", pkg.policy().toJson())
                        .put("tools", Json.array(tools.stream().map(d -> (Json) Json.object().put("name", d.name())
                                .put("description", d.description()).put("inputSchema", d.inputSchema()).build()).toList()))
                        .build();
                if (json) {
                    ctx.out().println(report.print());
                } else {
                    var out = ctx.out();
                    out.println(m.name() + "  sha256 " + m.sha256() + "  " + m.bytes().length + " bytes");
                    out.println("imports:   " + (m.imports().isEmpty() ? "(none)" : String.join(", ", m.imports())));
                    out.println("requests:  " + String.join(", ", Capabilities.requested(m.imports())));
                    out.println("granted:   " + pkg.policy().toJson().print());
                    for (var d : tools) out.println("tool " + d.name() + " — " + SessionsCommand.oneLine(d.description()));
                }
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "call", description = "Call a tool by hand, under the module's policy (or --policy).",
            footer = {"", "Exit codes: 0 the call succeeded, 1 it failed (the error kind says why)."})
    static final class CallTool implements Callable<Integer> {
        @ParentCommand
        ToolsCommand parent;

        @Parameters(index = "0", paramLabel = "MODULE")
        String module;

        @Parameters(index = "1", paramLabel = "TOOL")
        String tool;

        @Parameters(index = "2", paramLabel = "JSON", defaultValue = "{}", description = "The arguments (default {}).")
        String arguments;

        @Mixin
        PolicyOption policy = new PolicyOption();

        @Option(names = "--json", description = "Print {ok, result, error{kind, message}, fuel_used, duration_ms}"
                + " (and fuel_partial: true when a trap, stack exhaustion or the timeout stopped the guest:"
                + " fuel_used is then a lower bound).")
        boolean json;

        @Override
        public Integer call() {
            var ctx = parent.context;
            var pkg = policy.applyTo(WasmTools.find(module, ctx.home(), ctx.config()));
            CallResult result;
            Json.Obj args;
            try {
                args = Json.parse(arguments) instanceof Json.Obj o ? o : null;
            } catch (JsonException e) {
                return report(ctx, false, Json.NULL, ErrorKind.INVALID_ARGUMENTS.wire(), "arguments are not JSON: " + e.getMessage(), 0, false, 0);
            }
            if (args == null) {
                return report(ctx, false, Json.NULL, ErrorKind.INVALID_ARGUMENTS.wire(), "arguments must be a JSON object", 0, false, 0);
            }
            try (var sandbox = WasmTools.sandbox(ctx)) {
                result = sandbox.call(pkg.module(), pkg.policy(), tool, args);
            }
            boolean ok = result.ok() && !result.toolError();
            String kind = result.error().map(ErrorKind::wire).orElse(result.toolError() ? "tool_error" : "");
            return report(ctx, ok, result.ok() ? result.result() : Json.NULL, kind,
                    result.ok() ? (ok ? "" : result.text()) : result.message(), result.fuelUsed(), result.fuelPartial(),
                    result.duration().toMillis());
        }

        private int report(Context ctx, boolean ok, Json result, String kind, String message, long fuel,
                           boolean fuelPartial, long millis) {
            if (json) {
                var b = Json.object().put("ok", ok).put("result", result);
                b.put("error", ok ? Json.NULL : Json.object().put("kind", kind).put("message", message).build());
                b.put("fuel_used", fuel);
                if (fuelPartial) b.put("fuel_partial", true);
                ctx.out().println(b.put("duration_ms", millis).build().print());
            } else if (ok) {
                ctx.out().println(CallResult.textOf(result));
            } else {
                ctx.err().println("nacre: " + kind + ": " + message);
            }
            return ok ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    @Command(name = "add", description = "Install a module into $NACRE_HOME/tools from a path or an https URL (with its sha256).")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        ToolsCommand parent;

        @Parameters(paramLabel = "PATH|URL")
        String source;

        @Option(names = "--sha256", paramLabel = "HEX", description = "Required for a URL (or end the URL in #sha256=HEX).")
        String sha256 = "";

        @Override
        public Integer call() {
            var ctx = parent.context;
            Path dir = WasmTools.directory(ctx.home().ensure());
            ToolModule module;
            if (source.startsWith("https://") || source.startsWith("http://")) {
                if (sha256.isEmpty() && !source.contains("#sha256=")) {
                    throw new UsageError("a module URL needs its digest: add --sha256 HEX (or end the URL in #sha256=HEX)");
                }
                try {
                    java.net.URI.create(source);
                } catch (IllegalArgumentException e) {
                    throw new UsageError("not a valid URL: " + source);
                }
                String url = sha256.isEmpty() ? source : source.replaceFirst("#.*$", "") + "#sha256=" + sha256;
                // The digest is verified whatever the transport; plain http is accepted only from this machine.
                module = ModuleDownload.install(url, dir, HttpClient.newHttpClient(), true);
            } else {
                module = copy(Path.of(source), dir);
            }
            ctx.out().println("installed " + module.name() + " (sha256 " + module.sha256() + ") in " + dir);
            Path policy = dir.resolve(module.name() + ".policy.yaml");
            if (!Files.exists(policy)) {
                ctx.out().println("it runs with no capabilities until you write " + policy);
            } else {
                ctx.out().println("it runs under the existing " + policy + "; review it for this module");
            }
            return ExitCode.OK;
        }

        private ToolModule copy(Path file, Path dir) {
            if (!Files.isRegularFile(file)) throw new UsageError("no such file: " + file);
            var module = ToolModule.fromFile(file);
            if (!sha256.isEmpty() && !sha256.equalsIgnoreCase(module.sha256())) {
                throw new UsageError("sha256 mismatch for " + file + ": expected " + sha256 + ", got " + module.sha256());
            }
            try {
                Files.createDirectories(dir);
                Files.copy(file, dir.resolve(module.name() + ".wasm"), StandardCopyOption.REPLACE_EXISTING);
                Path policy = file.resolveSibling(module.name() + ".policy.yaml");
                Path target = dir.resolve(module.name() + ".policy.yaml");
                if (Files.exists(policy) && !Files.exists(target)) {
                    Policy.load(policy);
                    Files.copy(policy, target);
                }
            } catch (IOException e) {
                throw new UsageError("cannot install " + file + " into " + dir + ": " + e.getMessage());
            }
            return module;
        }
    }

    /** {@code --policy FILE}: run or inspect a module under another policy than the one beside it. */
    static final class PolicyOption {
        @Option(names = "--policy", paramLabel = "FILE", description = "Use this policy instead of the module's own.")
        Path file;

        ToolPackage applyTo(ToolPackage pkg) {
            return file == null ? pkg : new ToolPackage(pkg.module(), Policy.load(file));
        }
    }
}
