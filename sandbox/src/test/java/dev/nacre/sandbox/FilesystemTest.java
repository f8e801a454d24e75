package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemTest extends SandboxFixture {
    static final String READ_WORKSPACE = "storage: [{uri: 'fs://workspace/**', access: [read]}]";
    static final String WRITE_OUT = "storage: [{uri: 'fs://workspace/**', access: [read]}, {uri: 'fs://out/**', access: [read, write]}]";

    @TempDir
    Path outside;
    ToolModule cat;
    ToolModule write;

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(workspace.resolve("workspace/sub"));
        Files.writeString(workspace.resolve("workspace/a.txt"), "alpha");
        Files.writeString(workspace.resolve("workspace/sub/b.txt"), "beta");
        Files.writeString(workspace.resolve("private.txt"), "not granted");
        Files.writeString(outside.resolve("host-secret.txt"), "host secret");
        cat = tool("cat", Bodies.PATH_OPEN, Bodies.CAT);
        write = tool("write", Bodies.PATH_OPEN, Bodies.WRITE);
    }

    @Test
    void readsAGrantedFileAndRecordsIt() {
        var r = run(cat, READ_WORKSPACE, path("workspace/sub/b.txt"));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.result()).isEqualTo(Json.of("beta"));
        assertThat(r.audit().uses()).contains(new CapabilityUse.FileRead("workspace/sub/b.txt", 4));
    }

    @Test
    void ungrantedFileIsNotThere() {
        var r = run(cat, READ_WORKSPACE, path("private.txt"));
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.audit().uses()).noneMatch(u -> u.toString().contains("private.txt"));
        assertHealthy();
    }

    @Test
    void dotDotEscapeIsRefused() {
        var r = run(cat, READ_WORKSPACE, path("workspace/../../../../etc/passwd"));
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.message()).doesNotContain("root:");
        assertHealthy();
    }

    @Test
    void absolutePathIsRefused() {
        var r = run(cat, READ_WORKSPACE, path("/etc/passwd"));
        assertFails(r, ErrorKind.EXIT);
        assertHealthy();
    }

    @Test
    void hostEtcPasswdIsNotVisibleEvenWithEverythingGranted() {
        var r = run(cat, "storage: [{uri: 'fs://**', access: [read]}]", path("etc/passwd"));
        assertFails(r, ErrorKind.EXIT);
        assertHealthy();
    }

    @Test
    void symlinkToAHostFileInAGrantedDirectoryIsSkipped() throws Exception {
        Files.createSymbolicLink(workspace.resolve("workspace/link.txt"), outside.resolve("host-secret.txt"));
        var r = run(cat, READ_WORKSPACE, path("workspace/link.txt"));
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.audit().uses()).contains(new CapabilityUse.SymlinkSkipped("workspace/link.txt"));
        assertHealthy();
    }

    @Test
    void symlinkedDirectoryInAGrantedDirectoryIsNotEntered() throws Exception {
        Files.createSymbolicLink(workspace.resolve("workspace/etc"), Path.of("/etc"));
        var r = run(cat, READ_WORKSPACE, path("workspace/etc/passwd"));
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.audit().uses()).contains(new CapabilityUse.SymlinkSkipped("workspace/etc"));
    }

    @Test
    void grantedPathThatIsItselfASymlinkIsSkipped() throws Exception {
        Files.createSymbolicLink(workspace.resolve("data"), outside);
        var r = run(cat, "storage: [{uri: 'fs://data/**', access: [read]}]", path("data/host-secret.txt"));
        assertFails(r, ErrorKind.EXIT);
        assertThat(r.audit().uses()).contains(new CapabilityUse.SymlinkSkipped("data"));
    }

    @Test
    void writesToAWriteGrantAreCopiedBackAfterSuccess() throws Exception {
        var r = run(write, WRITE_OUT, path("out/result.txt"));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(Files.readString(workspace.resolve("out/result.txt"))).isEqualTo("written!");
        assertThat(r.audit().uses()).contains(new CapabilityUse.FileWritten("out/result.txt", 8));
    }

    @Test
    void writesToAReadOnlyGrantAreDiscarded() throws Exception {
        var r = run(write, WRITE_OUT, path("workspace/a.txt"));
        assertThat(r.ok()).isTrue();
        assertThat(Files.readString(workspace.resolve("workspace/a.txt"))).isEqualTo("alpha");
        assertThat(r.audit().uses()).anyMatch(u -> u instanceof CapabilityUse.Denied d && d.detail().contains("workspace/a.txt"));
    }

    @Test
    void writesOutsideEveryGrantAreDiscarded() {
        var r = run(write, WRITE_OUT, path("evil.txt"));
        assertThat(r.ok()).isTrue();
        assertThat(workspace.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void nothingIsCopiedBackWhenTheCallFails() {
        var trapping = tool("write-trap", Bodies.PATH_OPEN, Bodies.WRITE_THEN_TRAP);
        var r = run(trapping, WRITE_OUT, path("out/partial.txt"));
        assertFails(r, ErrorKind.TRAP);
        assertThat(workspace.resolve("out/partial.txt")).doesNotExist();
    }

    @Test
    void copyBackNeverWritesThroughASymlink() throws Exception {
        Files.createDirectories(workspace.resolve("out"));
        Path victim = outside.resolve("victim.txt");
        Files.writeString(victim, "original");
        Files.createSymbolicLink(workspace.resolve("out/target.txt"), victim);
        var r = run(write, "storage: [{uri: 'fs://out/**', access: [write]}]", path("out/target.txt"));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(Files.readString(victim)).isEqualTo("original");
        assertThat(r.audit().uses()).contains(new CapabilityUse.SymlinkSkipped("out/target.txt"));
    }

    @Test
    void copyBackNeverWritesThroughASymlinkedDirectory() throws Exception {
        Files.createDirectories(workspace.resolve("out"));
        Files.createSymbolicLink(workspace.resolve("out/sub"), outside);
        var mkdirThenWrite = tool("mkdir-write", Bodies.PATH_OPEN + """
            (import "wasi_snapshot_preview1" "path_create_directory" (func $mkdir (param i32 i32 i32) (result i32)))
            """, "(data (i32.const 3200) \"out/sub\")\n" + Bodies.WRITE.replace(
                "(local.set $n (call $read_stdin",
                "(drop (call $mkdir (i32.const 3) (i32.const 3200) (i32.const 7))) (local.set $n (call $read_stdin"));
        var r = run(mkdirThenWrite, "storage: [{uri: 'fs://out/**', access: [read, write]}]", path("out/sub/x.txt"));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(outside.resolve("x.txt")).doesNotExist();
    }

    @Test
    void grantedFilesOverTheFilesLimitAreDenied() throws Exception {
        Files.write(workspace.resolve("workspace/big.bin"), new byte[200_000]);
        var r = run(cat, READ_WORKSPACE + "\nlimits: {files: 100Ki}", path("workspace/a.txt"));
        assertFails(r, ErrorKind.DENIED);
        assertHealthy();
    }

    @Test
    void theGuestCannotCreateSymlinksInTheVirtualFilesystem() {
        var symlink = tool("symlink", """
            (import "wasi_snapshot_preview1" "path_symlink" (func $symlink (param i32 i32 i32 i32 i32) (result i32)))
            """, """
            (data (i32.const 3000) "/etc/passwdout/link")
            (func $call (call $proc_exit (i32.add (i32.const 100)
              (call $symlink (i32.const 3000) (i32.const 11) (i32.const 3) (i32.const 3011) (i32.const 8)))))
            """);
        var r = run(symlink, "storage: [{uri: 'fs://out/**', access: [write]}]", "{}");
        assertThat(r.ok()).isFalse();
        assertThat(workspace.resolve("out/link")).doesNotExist();
        assertHealthy();
    }
}
