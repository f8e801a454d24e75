package dev.nacre.sandbox;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs a module's describe ({@code argv = [NAME, "describe"]}) with nothing granted, a fixed seed
 * and epoch, and reads its tool list. Any failure makes the module {@code invalid_module}.
 */
final class Describe {
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Describe() {}

    /** A describe failure, always {@code invalid_module}, remembering the kind of what went wrong. */
    private static final class Failed extends RuntimeException {
        final ErrorKind cause;
        final SandboxException failure;

        Failed(ErrorKind cause, SandboxException failure) {
            super(failure.getMessage(), null, false, false);
            this.cause = cause;
            this.failure = failure;
        }
    }

    static Sandbox.Described run(Sandbox sandbox, ToolModule module) {
        try {
            return new Sandbox.Described(List.copyOf(tools(sandbox, module)), null, null);
        } catch (Failed f) {
            return new Sandbox.Described(List.of(), f.failure, f.cause);
        } catch (SandboxException e) {
            return new Sandbox.Described(List.of(), e.kind() == ErrorKind.INVALID_MODULE ? e
                    : new SandboxException(ErrorKind.INVALID_MODULE, "module " + module.name() + " describe failed: " + e.getMessage()),
                    e.kind());
        }
    }

    private static List<ToolDescriptor> tools(Sandbox sandbox, ToolModule module) {
        // describe needs no grants, but a module may legitimately declare more initial memory than the default
        long initial = sandbox.code().compiled(module).declaredMemory().initialPages() * 65536L;
        long memory = Math.min(Limits.MAXIMA.memory(), Math.max(Limits.DEFAULTS.memory(), initial + (16L << 20)));
        var policy = Policy.denyAll().withLimits(Limits.DEFAULTS.withMemory(memory));
        var outcome = Call.execute(sandbox, module, policy, List.of(module.name(), "describe"), new byte[0],
                0L, CallOptions.DEFAULT_EPOCH, new Recorder(), o -> false);
        if (outcome.failure().isPresent()) {
            throw new Failed(outcome.failure().get(),
                    invalid(module, outcome.failure().get().wire() + ": " + outcome.message()));
        }
        if (outcome.exitCode() != 0) {
            throw new Failed(ErrorKind.EXIT, invalid(module, "exit " + outcome.exitCode() + Call.tail(outcome.stderr())));
        }
        Json json;
        try {
            json = Json.parse(new String(outcome.stdout(), StandardCharsets.UTF_8).strip());
        } catch (JsonException | IllegalArgumentException | StackOverflowError e) {
            throw new Failed(ErrorKind.INVALID_OUTPUT, invalid(module, "output is not JSON"));
        }
        if (!(json instanceof Json.Obj root) || !(root.get("tools").orElse(Json.NULL) instanceof Json.Arr arr)) {
            throw invalid(module, "output has no \"tools\" array");
        }
        var out = new ArrayList<ToolDescriptor>();
        var names = new HashSet<String>();
        for (Json item : arr.items()) {
            if (!(item instanceof Json.Obj t)) throw invalid(module, "a tool is not an object");
            String name = t.string("name", "");
            if (!TOOL_NAME.matcher(name).matches()) throw invalid(module, "tool name '" + name + "' is not valid");
            if (!names.add(name)) throw invalid(module, "tool " + name + " is listed twice");
            var schema = t.get("inputSchema").orElse(Json.object().put("type", "object").build());
            if (!(schema instanceof Json.Obj s)) throw invalid(module, "tool " + name + " has a non-object inputSchema");
            out.add(new ToolDescriptor(name, t.string("description", ""), s));
        }
        return out;
    }

    private static SandboxException invalid(ToolModule module, String why) {
        return new SandboxException(ErrorKind.INVALID_MODULE, "module " + module.name() + " describe: " + why);
    }
}
