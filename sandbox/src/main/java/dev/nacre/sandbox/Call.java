package dev.nacre.sandbox;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** One tool call: check the arguments, run the guest under the policy, read its output, commit its files. */
final class Call {
    private final Sandbox sandbox;
    private final ToolModule module;
    private final Policy policy;
    private final String tool;
    private final Json.Obj arguments;
    private final CallOptions options;
    private final Recorder recorder;
    private final String argumentsSha256;
    private final long seed;

    Call(Sandbox sandbox, ToolModule module, Policy policy, String tool, Json.Obj arguments, CallOptions options) {
        this.sandbox = sandbox;
        this.module = module;
        this.policy = policy;
        this.tool = tool;
        this.arguments = arguments;
        this.options = options;
        this.recorder = new Recorder(Redactor.of(policy, sandbox.secrets()));
        this.argumentsSha256 = Sha256.hex(arguments.canonical());
        this.seed = options.seed().orElseGet(() -> derivedSeed(module.sha256(), tool, argumentsSha256));
    }

    CallResult run() {
        long start = System.nanoTime();
        List<ToolDescriptor> tools;
        try {
            tools = sandbox.describe(module);
        } catch (SandboxException e) {
            return failed(e.kind(), e.getMessage(), start);
        }
        var descriptor = tools.stream().filter(t -> t.name().equals(tool)).findFirst();
        if (descriptor.isEmpty()) {
            return failed(ErrorKind.INVALID_ARGUMENTS, "module " + module.name() + " has no tool '" + tool + "'", start);
        }
        var invalid = SchemaValidator.validate(descriptor.get().inputSchema(), arguments);
        if (invalid.isPresent()) return failed(ErrorKind.INVALID_ARGUMENTS, invalid.get(), start);

        try {
            sandbox.slots().acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(ErrorKind.TIMEOUT, "the call was cancelled by the host before it ran", start);
        }
        try {
            Predicate<Execution.Outcome> commit = o -> interpret(o).kind().isEmpty();
            Execution.Outcome outcome;
            try {
                outcome = execute(sandbox, module, policy, List.of(module.name(), "call", tool),
                        arguments.print().getBytes(StandardCharsets.UTF_8), seed, options.epoch(), recorder, commit);
            } catch (SandboxException e) {
                return failed(e.kind(), e.getMessage(), start);
            }
            var r = interpret(outcome);
            if (r.kind.isPresent()) return failed(r.kind.get(), r.message, outcome.fuelUsed(), outcome.fuelPartial(), start);
            var took = Duration.ofNanos(System.nanoTime() - start);
            return new CallResult(true, r.value, Optional.empty(), "", outcome.fuelUsed(), outcome.fuelPartial(), took,
                    audit("ok", outcome.fuelUsed(), outcome.fuelPartial(), took));
        } finally {
            sandbox.slots().release();
        }
    }

    /** Runs the module once; {@code commit} decides, from the outcome, whether its files are copied back. */
    static Execution.Outcome execute(Sandbox sandbox, ToolModule module, Policy policy, List<String> argv, byte[] stdin,
                                     long seed, Instant epoch, Recorder recorder,
                                     Predicate<Execution.Outcome> commit) {
        var code = sandbox.code().compiled(module);
        var env = new LinkedHashMap<String, String>();
        for (String key : policy.env()) {
            String value = sandbox.environment().get(key);
            if (value != null) {
                env.put(key, value);
                recorder.add(new CapabilityUse.EnvPassed(key));
            }
        }
        var clock = new VirtualClock(epoch);
        long deadline = System.nanoTime() + policy.limits().timeout().toNanos();
        // no storage grants: no filesystem at all (and no cost for building one)
        try (var fs = policy.storage().isEmpty() ? null : VirtualFs.create(sandbox.workspace(), policy, clock, recorder, sandbox.protection())) {
            var gate = new HttpGate(policy, sandbox.secrets(), sandbox.http(), sandbox.plainHttpToLoopback(), recorder, deadline);
            var nacre = new NacreImports(gate, recorder, module.name());
            var setup = new Execution.Setup(argv, stdin, env, fs, clock, seed, policy.limits(), nacre.functions(), deadline);
            var outcome = Execution.run(code, setup, sandbox.workers());
            if (commit.test(outcome) && fs != null) fs.copyOut();
            return outcome;
        } catch (IOException e) {
            throw new SandboxException(ErrorKind.TRAP, "virtual filesystem failed: " + e.getMessage());
        }
    }

    private record Interpreted(Optional<ErrorKind> kind, String message, Json value) {}

    private static Interpreted interpret(Execution.Outcome o) {
        if (o.failure().isPresent()) return new Interpreted(o.failure(), o.message(), Json.NULL);
        if (o.exitCode() != 0) {
            return new Interpreted(Optional.of(ErrorKind.EXIT), "exit " + o.exitCode() + tail(o.stderr()), Json.NULL);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(o.stdout())).toString();
        } catch (CharacterCodingException e) {
            return new Interpreted(Optional.of(ErrorKind.INVALID_OUTPUT), "the tool's output is not UTF-8", Json.NULL);
        }
        if (text.isBlank()) return new Interpreted(Optional.of(ErrorKind.INVALID_OUTPUT), "the tool wrote no output", Json.NULL);
        try {
            return new Interpreted(Optional.empty(), "", Json.parse(text.strip()));
        } catch (JsonException | IllegalArgumentException | StackOverflowError e) {
            return new Interpreted(Optional.of(ErrorKind.INVALID_OUTPUT), "the tool's output is not JSON", Json.NULL);
        }
    }

    /** The last non-blank line of stderr, as ": LINE" (at most 300 characters), or "". */
    static String tail(byte[] stderr) {
        String s = new String(stderr, StandardCharsets.UTF_8);
        var lines = s.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) return "";
        String last = lines.getLast().strip();
        return ": " + (last.length() > 300 ? last.substring(0, 300) + "…" : last);
    }

    /** A call that failed before its guest ran: nothing was used. */
    private CallResult failed(ErrorKind kind, String message, long start) {
        return failed(kind, message, 0, false, start);
    }

    private CallResult failed(ErrorKind kind, String message, long fuel, boolean fuelPartial, long start) {
        var took = Duration.ofNanos(System.nanoTime() - start);
        String line = oneLine(recorder.redactor().redact(message));
        return new CallResult(false, Json.NULL, Optional.of(kind), line, fuel, fuelPartial, took,
                audit(kind.wire(), fuel, fuelPartial, took));
    }

    /** Control, format and separator characters (guest-controlled stderr, for one) as spaces: safe for a terminal. */
    static String oneLine(String message) {
        var b = new StringBuilder(message.length());
        message.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean unsafe = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
            b.appendCodePoint(unsafe ? ' ' : cp);
        });
        return b.toString();
    }

    private Audit audit(String outcome, long fuel, boolean fuelPartial, Duration took) {
        return new Audit(module.sha256(), module.name(), tool, argumentsSha256, sandbox.policySha256(policy), fuel,
                fuelPartial, took, outcome,
                recorder.uses(), seed, options.epoch());
    }

    static long derivedSeed(String moduleSha, String tool, String argumentsSha) {
        byte[] h = Sha256.digest((moduleSha + "\u0000" + tool + "\u0000" + argumentsSha).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(h).getLong();
    }
}
