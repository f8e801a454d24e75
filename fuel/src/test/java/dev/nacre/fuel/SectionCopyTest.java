package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.fuel.Guest.Mode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;

/**
 * Only the function, global, export and code sections change (the function and code sections
 * gain the unmetered copies of static-cost functions at their end); every other section is
 * copied byte for byte.
 */
class SectionCopyTest {

    @Test
    void copiesEveryOtherSectionOfACompiledModuleVerbatim() {
        byte[] original = Resources.benchWasm();
        byte[] metered = Fuel.instrument(original);
        List<Section> before = Section.split(original);
        List<Section> after = Section.split(metered);

        assertThat(after.stream().map(Section::id).toList()).isEqualTo(before.stream().map(Section::id).toList());
        assertThat(before.stream().filter(s -> s.id() == Section.CUSTOM)).isNotEmpty();
        for (int i = 0; i < before.size(); i++) {
            int id = before.get(i).id();
            if (id != Section.FUNCTION && id != Section.GLOBAL && id != Section.EXPORT && id != Section.CODE) {
                assertThat(content(metered, after.get(i))).as("section %d", id).isEqualTo(content(original, before.get(i)));
            }
        }
    }

    @Test
    void appendsTheGlobalAndItsExportWithoutChangingExistingIndices() {
        byte[] original = Resources.benchWasm();
        WasmModule before = Parser.parse(original);
        WasmModule after = Parser.parse(Fuel.instrument(original));

        int globals = before.globalSection().globalCount();
        assertThat(after.globalSection().globalCount()).isEqualTo(globals + 1);
        for (int i = 0; i < globals; i++) {
            // Compared by content: Endive's instructions carry their byte offset, and the sections before moved.
            var a = after.globalSection().getGlobal(i);
            var b = before.globalSection().getGlobal(i);
            assertThat(a.valueType()).isEqualTo(b.valueType());
            assertThat(a.mutabilityType()).isEqualTo(b.mutabilityType());
            assertThat(a.initInstructions().stream().map(ins -> ins.opcode() + Arrays.toString(ins.operands())).toList())
                    .isEqualTo(b.initInstructions().stream().map(ins -> ins.opcode() + Arrays.toString(ins.operands())).toList());
        }
        int exports = before.exportSection().exportCount();
        assertThat(after.exportSection().exportCount()).isEqualTo(exports + 1);
        for (int i = 0; i < exports; i++) {
            assertThat(after.exportSection().getExport(i).name()).isEqualTo(before.exportSection().getExport(i).name());
            assertThat(after.exportSection().getExport(i).index()).isEqualTo(before.exportSection().getExport(i).index());
        }
        assertThat(after.exportSection().getExport(exports).name()).isEqualTo(Fuel.GLOBAL);
        int defined = before.functionSection().functionCount();
        int copies = after.functionSection().functionCount() - defined;
        assertThat(copies).as("unmetered copies of the static-cost helpers").isPositive();
        assertThat(after.codeSection().functionBodyCount()).isEqualTo(defined + copies);
        for (int f = 0; f < defined; f++) {
            assertThat(after.functionSection().getFunctionType(f)).isEqualTo(before.functionSection().getFunctionType(f));
        }
        int imported = before.importSection().importCount();
        for (int f = 0; f < before.nameSection().functionNameCount(); f++) {
            assertThat(after.nameSection().nameOfFunction(imported + f)).isEqualTo(before.nameSection().nameOfFunction(imported + f));
        }
    }

    @Test
    void addsGlobalAndExportSectionsToAModuleWithNeither() {
        byte[] original = Guest.wat("""
                (module (memory 1) (start $s) (func $s (i32.store (i32.const 0) (i32.const 9)))
                  (data (i32.const 8) "x"))
                """);
        byte[] metered = Fuel.instrument(original);
        List<Integer> ids = Section.split(metered).stream().map(Section::id).toList();

        assertThat(ids).containsSubsequence(5, 6, 7, 8, 10, 11);
        Guest guest = Guest.of(metered, Mode.INTERPRETER);
        assertThat(guest.instance().memory().readInt(0)).isEqualTo(9);
        assertThat(guest.fuel()).isLessThan(Fuel.START_FUEL);
    }

    private static byte[] content(byte[] wasm, Section section) {
        return Arrays.copyOfRange(wasm, section.contentStart(), section.end());
    }
}
