package dev.nacre.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ModuleTest extends SandboxFixture {

    static AbstractThrowableAssert<?, ?> invalid(byte[] bytes) {
        return assertThatThrownBy(() -> ToolModule.of("bad", bytes))
                .isInstanceOfSatisfying(SandboxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_MODULE);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    @Test
    void garbageBytesAreInvalid() {
        invalid("not wasm at all".getBytes(StandardCharsets.UTF_8)).hasMessageContaining("not a valid Wasm module");
        assertHealthy();
    }

    @Test
    void truncatedModuleIsInvalid() {
        byte[] good = Guests.echo(Guests.ANY_OBJECT);
        invalid(Arrays.copyOf(good, good.length / 2)).hasMessageContaining("not a valid Wasm module");
        invalid(Arrays.copyOf(good, 6));
        invalid(new byte[0]);
        assertHealthy();
    }

    @Test
    void missingStartIsInvalid() {
        invalid(Guests.wat("(module (memory (export \"memory\") 1))")).hasMessageContaining("_start");
    }

    @Test
    void missingMemoryExportIsInvalid() {
        invalid(Guests.wat("(module (memory 1) (func (export \"_start\")))")).hasMessageContaining("memory");
    }

    @Test
    void unknownImportModuleIsNamed() {
        invalid(Guests.wat("""
            (module (import "env" "system" (func (param i32))) (memory (export "memory") 1) (func (export "_start")))
            """)).hasMessageContaining("env.system");
    }

    @Test
    void unknownNacreFunctionIsNamed() {
        invalid(Guests.wat("""
            (module (import "nacre" "exec" (func (param i32 i32) (result i32))) (memory (export "memory") 1) (func (export "_start")))
            """)).hasMessageContaining("nacre.exec");
    }

    @Test
    void unknownWasiFunctionIsNamed() {
        invalid(Guests.wat("""
            (module (import "wasi_snapshot_preview1" "sock_open" (func (param i32) (result i32))) (memory (export "memory") 1) (func (export "_start")))
            """)).hasMessageContaining("wasi_snapshot_preview1.sock_open");
    }

    @Test
    void wrongHostFunctionSignatureIsInvalid() {
        invalid(Guests.wat("""
            (module (import "nacre" "http" (func (param i32) (result i32))) (memory (export "memory") 1) (func (export "_start")))
            """)).hasMessageContaining("wrong signature");
    }

    @Test
    void importedMemoryIsInvalid() {
        invalid(Guests.wat("""
            (module (import "wasi_snapshot_preview1" "memory" (memory 1)) (export "memory" (memory 0)) (func (export "_start")))
            """)).hasMessageContaining("only functions");
    }

    @Test
    void startSectionIsInvalid() {
        invalid(Guests.wat("""
            (module (memory (export "memory") 1) (func $f) (start $f) (func (export "_start")))
            """)).hasMessageContaining("start section");
    }

    @Test
    void reservedFuelExportIsInvalid() {
        invalid(Guests.wat("""
            (module (memory (export "memory") 1) (global (export "nacre_fuel") (mut i64) (i64.const 0)) (func (export "_start")))
            """)).hasMessageContaining("nacre_fuel");
    }

    @Test
    void describeThatIsNotJsonMakesTheModuleInvalid() {
        var module = Guests.module("liar", Guests.tool("this is not json", "", Bodies.SILENT));
        assertThatThrownBy(() -> sandbox.describe(module)).hasMessageContaining("describe: output is not JSON");
        var r = sandbox.call(module, Policy.denyAll(), "run", Json.EMPTY_OBJ);
        assertFails(r, ErrorKind.INVALID_MODULE);
        assertHealthy();
    }

    @Test
    void describeThatTrapsMakesTheModuleInvalid() {
        var module = Guests.module("crash", Guests.wat("""
            (module (memory (export "memory") 1) (func (export "_start") unreachable))
            """));
        var r = sandbox.call(module, Policy.denyAll(), "run", Json.EMPTY_OBJ);
        assertFails(r, ErrorKind.INVALID_MODULE);
        assertThat(r.message()).contains("trap");
    }

    @Test
    void nameIsTheFileNameWithoutWasm() throws Exception {
        var file = workspace.resolve("echo-tool.wasm");
        Files.write(file, Guests.echo(Guests.ANY_OBJECT));
        var module = ToolModule.fromFile(file);
        assertThat(module.name()).isEqualTo("echo-tool");
        assertThat(module.sha256()).isEqualTo(Sha256.hex(Files.readAllBytes(file)));
    }
}
