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
    /** Characters kept of one log line after cleaning. */
    static final int MAX_LOG_CHARS = 1000;
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
        String message = clean(new String(bytes, StandardCharsets.UTF_8));
        recorder.add(new CapabilityUse.Log(name, message));
        // the line is in the audit record; the host log gets it at DEBUG so a guest never writes to the user's terminal
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "[{0}] {1}: {2}", module, name, recorder.redactor().redact(message));
        }
    }

    /**
     * A guest log line made safe for terminals and log files: control, format (bidi, zero-width)
     * and line/paragraph separator characters become U+FFFD, at most {@link #MAX_LOG_CHARS} kept.
     */
    static String clean(String text) {
        var b = new StringBuilder(Math.min(text.length(), MAX_LOG_CHARS + 1));
        int i = 0;
        while (i < text.length() && b.length() < MAX_LOG_CHARS) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean unsafe = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE;
            if (unsafe) {
                b.append('\uFFFD');
            } else {
                b.appendCodePoint(cp);
            }
        }
        if (i < text.length()) b.append('…');
        return b.toString();
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
