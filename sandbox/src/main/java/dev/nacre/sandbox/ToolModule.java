package dev.nacre.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A validated Wasm tool module: its name (argv[0], the file name without ".wasm"), its bytes and
 * their sha256, which identifies it everywhere (caches, audit records). Creating one checks the
 * imports and exports against docs/TOOL-ABI.md; a module that fails is {@code invalid_module}.
 */
public final class ToolModule {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Larger modules are refused before parsing. */
    public static final long MAX_BYTES = 64L << 20;

    private final String name;
    private final byte[] bytes;
    private final String sha256;
    private final List<String> imports;

    private ToolModule(String name, byte[] bytes, List<String> imports) {
        this.name = name;
        this.bytes = bytes;
        this.sha256 = Sha256.hex(bytes);
        this.imports = imports;
    }

    public static ToolModule of(String name, byte[] bytes) {
        if (!NAME.matcher(name).matches()) {
            throw new SandboxException(ErrorKind.INVALID_MODULE, "module name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        if (bytes.length > MAX_BYTES) {
            throw new SandboxException(ErrorKind.INVALID_MODULE, "module " + name + " is larger than " + Sizes.bytesText(MAX_BYTES));
        }
        byte[] copy = bytes.clone();
        var parsed = ModuleCheck.check(name, copy);
        var imports = new ArrayList<String>();
        for (int i = 0; i < parsed.importSection().importCount(); i++) {
            var imp = parsed.importSection().getImport(i);
            imports.add(imp.module() + "." + imp.name());
        }
        return new ToolModule(name, copy, List.copyOf(imports));
    }

    /** Reads {@code NAME.wasm}; the module is named NAME. */
    public static ToolModule fromFile(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".wasm") ? fileName.substring(0, fileName.length() - 5) : fileName;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SandboxException(ErrorKind.INVALID_MODULE, "module " + file + " is larger than " + Sizes.bytesText(MAX_BYTES));
            }
            return of(name, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new SandboxException(ErrorKind.INVALID_MODULE, "cannot read module " + file + " (" + e.getMessage() + ")");
        }
    }

    public String name() {
        return name;
    }

    public String sha256() {
        return sha256;
    }

    /** What the module imports, as {@code module.name} (e.g. {@code nacre.http}): the capabilities it asks for. */
    public List<String> imports() {
        return imports;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] rawBytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return name + "@" + sha256.substring(0, 12);
    }
}
