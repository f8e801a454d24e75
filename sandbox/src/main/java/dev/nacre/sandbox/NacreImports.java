package dev.nacre.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import run.endive.runtime.HostFunction;
import run.endive.runtime.Instance;
import run.endive.runtime.Memory;
import run.endive.runtime.TrapException;
import run.endive.runtime.WasmInterruptedException;

/** The {@code nacre} host functions of one instance (docs/TOOL-ABI.md): http, response, log. */
final class NacreImports {
    static final int MAX_REQUEST_BYTES = 1 << 24;
    static final int MAX_LOG_LINES = 100;
    static final int MAX_LOG_BYTES = 4096;
    private static final String[] LEVELS = {"debug", "info", "warn", "error"};
    private static final System.Logger LOG = System.getLogger("dev.nacre.sandbox.guest");

    private final HttpGate http;
    private final Recorder recorder;
    private final String module;
    private byte[] lastResponse = new byte[0];
    private int logLines;

    NacreImports(HttpGate http, Recorder recorder, String module) {
        this.http = http;
        this.recorder = recorder;
        this.module = module;
    }

    List<HostFunction> functions() {
        var types = ModuleCheck.NACRE_FUNCTIONS;
        return List.of(
                new HostFunction(ModuleCheck.NACRE, "http", types.get("http"),
                        (inst, args) -> new long[] {http(inst, (int) args[0], (int) args[1])}),
                new HostFunction(ModuleCheck.NACRE, "response", types.get("response"),
                        (inst, args) -> new long[] {response(inst, (int) args[0], (int) args[1])}),
                new HostFunction(ModuleCheck.NACRE, "log", types.get("log"),
                        (inst, args) -> {
                            log(inst, (int) args[0], (int) args[1], (int) args[2]);
                            return null;
                        }));
    }

    private int http(Instance instance, int ptr, int len) {
        String response;
        if (len > MAX_REQUEST_BYTES) {
            response = "{\"error\":\"bad request: larger than 16Mi\"}";
        } else {
            String request = new String(read(instance.memory(), ptr, len), StandardCharsets.UTF_8);
            try {
                response = http.handle(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WasmInterruptedException("interrupted during nacre.http");
            }
        }
        lastResponse = response.getBytes(StandardCharsets.UTF_8);
        return lastResponse.length;
    }

    private int response(Instance instance, int ptr, int len) {
        if (len < 0) throw new TrapException("nacre.response: negative length");
        int n = Math.min(len, lastResponse.length);
        checkBounds(instance.memory(), ptr, n);
        instance.memory().write(ptr, lastResponse, 0, n);
        return n;
    }

    private void log(Instance instance, int level, int ptr, int len) {
        byte[] bytes = read(instance.memory(), ptr, Math.max(0, Math.min(len, MAX_LOG_BYTES)));
        if (len < 0) throw new TrapException("nacre.log: negative length");
        if (++logLines > MAX_LOG_LINES) {
            if (logLines == MAX_LOG_LINES + 1) {
                recorder.add(new CapabilityUse.Denied("log", "more than " + MAX_LOG_LINES + " lines; the rest were dropped"));
            }
            return;
        }
        String name = level >= 0 && level < LEVELS.length ? LEVELS[level] : "info";
        String message = new String(bytes, StandardCharsets.UTF_8).replace('\n', ' ');
        recorder.add(new CapabilityUse.Log(name, message));
        LOG.log(switch (name) {
            case "debug" -> System.Logger.Level.DEBUG;
            case "warn" -> System.Logger.Level.WARNING;
            case "error" -> System.Logger.Level.ERROR;
            default -> System.Logger.Level.INFO;
        }, "[{0}] {1}", module, message);
    }

    private static byte[] read(Memory memory, int ptr, int len) {
        if (len < 0) throw new TrapException("nacre: negative length");
        checkBounds(memory, ptr, len);
        return memory.readBytes(ptr, len);
    }

    private static void checkBounds(Memory memory, int ptr, int len) {
        long end = Integer.toUnsignedLong(ptr) + len;
        if (end > (long) memory.pages() * 65536) throw new TrapException("nacre: out of bounds memory access");
    }
}
