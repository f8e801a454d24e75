package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Findings 2 and 3 of the security review: entry and descriptor caps, protected host paths. */
class FsHardeningTest extends SandboxFixture {
    static final String WRITE_OUT = "storage: [{uri: 'fs://out/**', access: [read, write]}]";
    static final String ALL = "storage: [{uri: 'fs://**', access: [read, write]}]";

    /**
     * Calls {@code op} (which uses $name, "out/" + 8 hex digits of $i, at 3200, length 12) in a
     * loop with i = 0, 1, ...; on errno 51 (ENOSPC) or 33 (EMFILE) exits with i, on another errno
     * with 100000 + errno.
     */
    static String loop(String op) {
        return """
            (data (i32.const 3000) "0123456789abcdef")
            (data (i32.const 3200) "out/00000000")
            (func $call (local $i i32) (local $err i32) (local $k i32)
              (block $done (loop $l
                (local.set $k (i32.const 0))
                (block $hd (loop $hl
                  (br_if $hd (i32.ge_u (local.get $k) (i32.const 8)))
                  (i32.store8 (i32.add (i32.const 3204) (local.get $k))
                    (i32.load8_u (i32.add (i32.const 3000) (i32.and (i32.shr_u (local.get $i)
                      (i32.mul (i32.sub (i32.const 7) (local.get $k)) (i32.const 4))) (i32.const 15)))))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br $hl)))
                (local.set $err %s)
                (br_if $done (local.get $err))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $l)))
              (if (i32.or (i32.eq (local.get $err) (i32.const 51)) (i32.eq (local.get $err) (i32.const 33)))
                (then (call $proc_exit (local.get $i))))
              (call $proc_exit (i32.add (i32.const 100000) (local.get $err))))
            """.formatted(op);
    }

    static final String MKDIR_IMPORT = """
        (import "wasi_snapshot_preview1" "path_create_directory" (func $mkdir (param i32 i32 i32) (result i32)))
        """;
    static final String MKDIR = "(call $mkdir (i32.const 3) (i32.const 3200) (i32.const 12))";
    /** path_open with O_CREAT, the fd is not closed. */
    static final String CREATE = "(call $path_open (i32.const 3) (i32.const 0) (i32.const 3200) (i32.const 12)"
            + " (i32.const 1) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 40))";
    static final String CREATE_AND_CLOSE = "(block (result i32) (local.set $err " + CREATE + ")"
            + " (if (i32.eqz (local.get $err)) (then (drop (call $fd_close (i32.load (i32.const 40)))))) (local.get $err))";
    static final String CLOSE_IMPORT = """
        (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
        """;

    /** Bodies.WRITE after creating home, home/tools, .cache, .cache/wasm and later in the virtual filesystem. */
    static ToolModule writeDeep() {
        String dirs = "(data (i32.const 3200) \"home/tools.cache/wasmlater\")\n";
        String mkdirs = "(drop (call $mkdir (i32.const 3) (i32.const 3200) (i32.const 4)))"
                + " (drop (call $mkdir (i32.const 3) (i32.const 3200) (i32.const 10)))"
                + " (drop (call $mkdir (i32.const 3) (i32.const 3210) (i32.const 6)))"
                + " (drop (call $mkdir (i32.const 3) (i32.const 3210) (i32.const 11)))"
                + " (drop (call $mkdir (i32.const 3) (i32.const 3221) (i32.const 5)))";
        return tool("write-deep", Bodies.PATH_OPEN + MKDIR_IMPORT, dirs + Bodies.WRITE.replace(
                "(local.set $n (call $read_stdin", mkdirs + " (local.set $n (call $read_stdin"));
    }

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(workspace.resolve("home/tools"));
        Files.writeString(workspace.resolve("home/config.yaml"), "api_key: sk-live-123");
        Files.writeString(workspace.resolve("home/tools/x.policy.yaml"), "network: []");
        Files.writeString(workspace.resolve("readme.txt"), "hello");
    }

    // finding 2
    @Test
    void mkdirLoopStopsAtTheEntriesLimit() {
        var r = run(tool("mkdirs", MKDIR_IMPORT, loop(MKDIR)), WRITE_OUT + "\nlimits: {entries: 50}", "{}");
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.message()).isEqualTo("exit 49"); // "out" is the 50th entry
        assertHealthy();
    }

    @Test
    void mkdirLoopStopsAtTheDefaultEntriesLimit() {
        var r = run(tool("mkdirs", MKDIR_IMPORT, loop(MKDIR)), WRITE_OUT + "\nlimits: {timeout: 60s}", "{}");
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.message()).isEqualTo("exit " + (Limits.DEFAULTS.entries() - 1));
        assertHealthy();
    }

    @Test
    void emptyFileLoopStopsAtTheEntriesLimit() {
        var r = run(tool("touch", Bodies.PATH_OPEN + CLOSE_IMPORT, loop(CREATE_AND_CLOSE)),
                WRITE_OUT + "\nlimits: {entries: 300}", "{}");
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.message()).isEqualTo("exit 299");
        assertHealthy();
    }

    @Test
    void openDescriptorsAreCapped() {
        var r = run(tool("fds", Bodies.PATH_OPEN, loop(CREATE)), WRITE_OUT + "\nlimits: {entries: 100000}", "{}");
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.message()).isEqualTo("exit " + WasiImports.MAX_OPEN_FDS);
        assertHealthy();
    }

    @Test
    void aFullFilesystemStillOpensExistingFilesWithCreate() {
        // entries: 2 = "out" and "out/00000000". The low four hex digits are kept "0000", so for i < 65536 every
        // iteration re-opens out/00000000 with O_CREAT (allowed when full); at i = 65536 the name becomes
        // out/00010000, a new entry: ENOSPC.
        var body = loop("(block (result i32) (i32.store (i32.const 3208) (i32.const 0x30303030)) " + CREATE_AND_CLOSE + ")");
        var r = run(tool("reopen", Bodies.PATH_OPEN + CLOSE_IMPORT, body), WRITE_OUT + "\nlimits: {entries: 2}", "{}");
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.message()).isEqualTo("exit 65536");
        assertHealthy();
    }

    @Test
    void overlongPathsAreRefused() {
        var r = run(tool("long", MKDIR_IMPORT, loop("(call $mkdir (i32.const 3) (i32.const 3200) (i32.const 100000))")),
                WRITE_OUT, "{}");
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.message()).isEqualTo("exit 100037"); // ENAMETOOLONG
    }

    @Test
    void grantedFilesOverTheEntriesLimitAreDenied() throws Exception {
        for (int i = 0; i < 20; i++) Files.writeString(workspace.resolve("readme" + i + ".txt"), "x");
        var r = run(tool("cat", Bodies.PATH_OPEN, Bodies.CAT), ALL + "\nlimits: {entries: 10}", path("readme.txt"));
        assertFails(r, ErrorKind.DENIED);
        assertThat(r.message()).contains("limits.entries");
        assertHealthy();
    }

    // finding 3
    @Test
    void protectedDirectoryIsInvisibleAndUnwritableWhateverTheGrants() throws Exception {
        try (var s = Sandbox.builder().workspace(workspace).environment(environment()).protect(workspace.resolve("home")).build()) {
            var cat = tool("cat", Bodies.PATH_OPEN, Bodies.CAT);
            var read = s.call(cat, policy(ALL), "run", (Json.Obj) Json.parse(path("home/config.yaml")));
            assertFails(read, ErrorKind.EXIT);
            assertThat(read.message()).isEqualTo("exit 144"); // ENOENT
            assertThat(read.audit().uses()).contains(new CapabilityUse.Denied("file", "home is protected; not copied in"));
            var ok = s.call(cat, policy(ALL), "run", (Json.Obj) Json.parse(path("readme.txt")));
            assertThat(ok.result()).isEqualTo(Json.of("hello"));

            var write = writeDeep();
            var widen = s.call(write, policy(ALL), "run", (Json.Obj) Json.parse(path("home/tools/x.policy.yaml")));
            assertThat(widen.ok()).as(widen.message()).isTrue();
            assertThat(Files.readString(workspace.resolve("home/tools/x.policy.yaml"))).isEqualTo("network: []");
            assertThat(widen.audit().uses()).contains(
                    new CapabilityUse.Denied("file", "/home/tools/x.policy.yaml is protected; discarded"));
            var fresh = s.call(write, policy(ALL), "run", (Json.Obj) Json.parse(path("home/new.jar")));
            assertThat(fresh.ok()).isTrue();
            assertThat(workspace.resolve("home/new.jar")).doesNotExist();
            var elsewhere = s.call(write, policy(ALL), "run", (Json.Obj) Json.parse(path("out.txt")));
            assertThat(elsewhere.ok()).isTrue();
            assertThat(Files.readString(workspace.resolve("out.txt"))).isEqualTo("written!");
        }
    }

    @Test
    void protectionGoesThroughSymlinksAndNotYetExistingPaths() throws Exception {
        Path link = Files.createSymbolicLink(workspace.resolve("home-link"), workspace.resolve("home"));
        try (var s = Sandbox.builder().workspace(workspace).environment(environment())
                .protect(link, workspace.resolve("later")).build()) {
            var write = writeDeep();
            var r = s.call(write, policy(ALL), "run", (Json.Obj) Json.parse(path("home/tools/y.policy.yaml")));
            assertThat(r.ok()).isTrue();
            assertThat(workspace.resolve("home/tools/y.policy.yaml")).doesNotExist();
            var later = s.call(write, policy(ALL), "run", (Json.Obj) Json.parse(path("later/z.txt")));
            assertThat(later.ok()).isTrue();
            assertThat(workspace.resolve("later/z.txt")).doesNotExist();
        }
    }

    @Test
    void theCacheDirectoryIsAlwaysProtected() throws Exception {
        Path cache = workspace.resolve(".cache/wasm");
        try (var s = Sandbox.builder().workspace(workspace).environment(environment()).cacheDirectory(cache).build()) {
            var write = writeDeep();
            s.call(write, policy(ALL), "run", (Json.Obj) Json.parse(path("readme.txt"))); // compiles: the cache has entries
            var r = s.call(write, policy(ALL), "run", (Json.Obj) Json.parse(path(".cache/wasm/evil.jar")));
            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(cache.resolve("evil.jar")).doesNotExist();
            assertThat(r.audit().uses()).contains(new CapabilityUse.Denied("file", "/.cache/wasm/evil.jar is protected; discarded"));
            assertThat(r.audit().uses()).noneMatch(u -> u instanceof CapabilityUse.FileRead f && f.path().startsWith(".cache"));
        }
    }
}
