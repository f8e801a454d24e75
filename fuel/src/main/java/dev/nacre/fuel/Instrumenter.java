package dev.nacre.fuel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.AnnotatedInstruction;
import run.endive.wasm.types.ExternalType;
import run.endive.wasm.types.FunctionBody;

/**
 * Rewrites a module: appends the fuel global and its export, meters every function body, and
 * appends, for metered callers to call, an unmetered copy of each function of static cost
 * ({@link StaticCosts}) and a copy without the entry charge of each prepaid function
 * ({@link MeterPlan#prepaid}). All other sections, custom ones included, are copied byte for
 * byte; since the new global, functions and locals come last in their index spaces, no existing
 * index changes. Exports, tables and {@code ref.func} keep naming the originals, which charge
 * their entry themselves.
 */
final class Instrumenter {
    private static final int GLOBAL_KIND = 0x03;
    private static final int I64 = 0x7E;
    private static final int MUTABLE = 0x01;
    private static final int I64_CONST = 0x42;
    private static final int END = 0x0B;

    private final byte[] wasm;
    private WasmModule module;
    private int fuelGlobal;
    private Callees callees;
    /** By function index: the index of its copy (unmetered, or without the entry charge), or -1. */
    private int[] copyOf;
    /** The defined functions that get a copy, in the order the copies are appended. */
    private final List<Integer> copied = new ArrayList<>();

    Instrumenter(byte[] wasm) {
        this.wasm = wasm.clone();
    }

    byte[] instrument() {
        List<Section> sections = Section.split(wasm);
        module = parse();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            if (module.exportSection().getExport(i).name().equals(Fuel.GLOBAL)) {
                throw new FuelException("module already exports " + Fuel.GLOBAL + ": it is instrumented already");
            }
        }
        fuelGlobal = module.importSection().count(ExternalType.GLOBAL) + module.globalSection().globalCount();
        planCopies();

        ByteSink out = new ByteSink();
        out.copy(wasm, 0, Section.headerLength());
        boolean globalsWritten = false;
        boolean exportsWritten = false;
        for (Section section : sections) {
            if (section.id() != Section.CUSTOM) {
                int rank = Section.rank(section.id());
                if (!globalsWritten && rank > Section.rank(Section.GLOBAL)) {
                    writeSection(out, Section.GLOBAL, globals(null));
                    globalsWritten = true;
                }
                if (!exportsWritten && rank > Section.rank(Section.EXPORT)) {
                    writeSection(out, Section.EXPORT, exports(null));
                    exportsWritten = true;
                }
            }
            switch (section.id()) {
                case Section.GLOBAL -> {
                    writeSection(out, Section.GLOBAL, globals(section));
                    globalsWritten = true;
                }
                case Section.EXPORT -> {
                    writeSection(out, Section.EXPORT, exports(section));
                    exportsWritten = true;
                }
                case Section.FUNCTION -> writeSection(out, Section.FUNCTION, functions(section));
                case Section.CODE -> writeSection(out, Section.CODE, code(section));
                default -> out.copy(wasm, section.start(), section.end());
            }
        }
        if (!globalsWritten) {
            writeSection(out, Section.GLOBAL, globals(null));
        }
        if (!exportsWritten) {
            writeSection(out, Section.EXPORT, exports(null));
        }
        return out.toByteArray();
    }

    private WasmModule parse() {
        try {
            return Parser.parse(wasm);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new FuelException("not a Wasm module Endive can parse: " + reason.lines().findFirst().orElse(""), e);
        }
    }

    private void planCopies() {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        int defined = module.codeSection().functionBodyCount();
        var bodies = new ArrayList<List<AnnotatedInstruction>>(defined);
        for (int i = 0; i < defined; i++) {
            bodies.add(module.codeSection().getFunctionBody(i).instructions());
        }
        long[] staticCost = StaticCosts.of(imported, bodies, fuelGlobal);
        // What a prepaid function's entry costs does not depend on what its callees' entries
        // cost (its entry region calls none of them), so plans without prepaid callees give it.
        Callees staticOnly = Callees.staticOnly(imported, staticCost);
        long[] entryCost = staticOnly.entryCost().clone();
        for (int f = imported; f < staticCost.length; f++) {
            if (staticCost[f] == StaticCosts.NONE) {
                MeterPlan plan = MeterPlan.of(bodies.get(f - imported), fuelGlobal, staticOnly);
                if (plan.prepaid && plan.charge[0] <= StaticCosts.CAP) { // the cap: as for static costs
                    entryCost[f] = plan.charge[0];
                }
            }
        }
        callees = new Callees(imported, staticCost, entryCost);
        copyOf = new int[staticCost.length];
        Arrays.fill(copyOf, -1);
        for (int f = imported; f < staticCost.length; f++) {
            if (staticCost[f] != StaticCosts.NONE || entryCost[f] != StaticCosts.NONE) {
                copyOf[f] = staticCost.length + copied.size();
                copied.add(f - imported);
            }
        }
    }

    /** The function section with the copies' types appended. */
    private ByteSink functions(Section original) {
        ByteSink content = new ByteSink();
        ByteCursor in = new ByteCursor(wasm, original.contentStart(), original.end());
        content.u32((long) in.u32() + copied.size());
        content.copy(wasm, in.position(), original.end());
        for (int f : copied) {
            content.u32(module.functionSection().getFunctionType(f));
        }
        return content;
    }

    private ByteSink globals(Section original) {
        ByteSink content = new ByteSink();
        int start = countOneMore(content, original);
        if (original != null) {
            content.copy(wasm, start, original.end());
        }
        content.u8(I64);
        content.u8(MUTABLE);
        content.u8(I64_CONST);
        content.s64(Fuel.START_FUEL);
        content.u8(END);
        return content;
    }

    private ByteSink exports(Section original) {
        ByteSink content = new ByteSink();
        int start = countOneMore(content, original);
        if (original != null) {
            content.copy(wasm, start, original.end());
        }
        byte[] name = Fuel.GLOBAL.getBytes(StandardCharsets.UTF_8);
        content.u32(name.length);
        content.copy(name, 0, name.length);
        content.u8(GLOBAL_KIND);
        content.u32(fuelGlobal);
        return content;
    }

    /** Writes the item count of {@code original} (a vector section, or none) plus one; returns where its items start. */
    private int countOneMore(ByteSink content, Section original) {
        if (original == null) {
            content.u32(1);
            return -1;
        }
        ByteCursor in = new ByteCursor(wasm, original.contentStart(), original.end());
        content.u32((long) in.u32() + 1);
        return in.position();
    }

    private ByteSink code(Section section) {
        ByteCursor in = new ByteCursor(wasm, section.contentStart(), section.end());
        int count = in.u32();
        if (count != module.codeSection().functionBodyCount()) {
            throw new FuelException("malformed Wasm: code section has " + count + " bodies, Endive read "
                    + module.codeSection().functionBodyCount());
        }
        ByteSink content = new ByteSink();
        content.u32((long) count + copied.size());
        int[] starts = new int[count];
        int[] ends = new int[count];
        for (int i = 0; i < count; i++) {
            int size = in.u32();
            int bodyStart = in.position();
            in.skip(size);
            starts[i] = bodyStart;
            ends[i] = bodyStart + size;
            FunctionBody body = module.codeSection().getFunctionBody(i);
            content.sized(meter().meter(bodyStart, bodyStart + size, firstLocal(i), body.instructions(), StaticCosts.NONE));
        }
        if (!in.atEnd()) {
            throw new FuelException("malformed Wasm: trailing bytes in the code section");
        }
        int imported = callees.imported();
        for (int f : copied) {
            List<AnnotatedInstruction> instructions = module.codeSection().getFunctionBody(f).instructions();
            long entry = callees.entryCost(imported + f);
            content.sized(entry == StaticCosts.NONE
                    ? meter().unmetered(starts[f], ends[f], instructions)
                    : meter().meter(starts[f], ends[f], firstLocal(f), instructions, entry));
        }
        return content;
    }

    /** The index of the first local after defined function {@code f}'s params and declared locals. */
    private int firstLocal(int f) {
        int typeIndex = module.functionSection().getFunctionType(f);
        int params = module.typeSection().getType(typeIndex).params().size();
        return params + module.codeSection().getFunctionBody(f).localTypes().size();
    }

    private FunctionMeter meter() {
        return new FunctionMeter(wasm, fuelGlobal, callees, copyOf);
    }

    private static void writeSection(ByteSink out, int id, ByteSink content) {
        out.u8(id);
        out.sized(content);
    }
}
