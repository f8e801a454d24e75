package dev.nacre.cli;

import dev.nacre.sandbox.Audit;
import dev.nacre.sandbox.PolicyException;
import dev.nacre.sandbox.Sandbox;
import dev.nacre.sandbox.SandboxException;
import dev.nacre.sandbox.SecretSource;
import dev.nacre.sandbox.ToolDirectory;
import dev.nacre.sandbox.ToolPackage;
import dev.nacre.sandbox.WasmToolbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The Wasm toolset as the CLI sets it up: modules in {@code $NACRE_HOME/tools} and those named
 * in config, a sandbox whose workspace is the current directory, secrets from {@code NACRE_SECRET_*}.
 */
final class WasmTools {
    private WasmTools() {}

    static Path directory(NacreHome home) {
        return home.dir().resolve("tools");
    }

    static Sandbox sandbox(Context context) {
        return Sandbox.builder()
                .workspace(Path.of("").toAbsolutePath())
                .environment(guestVisibleEnvironment(context.env()))
                .secrets(SecretSource.fromEnvironment(context.env()))
                .cacheDirectory(context.home().dir().resolve("cache").resolve("wasm"))
                // Nacre's own state (policies, config, journal, compiled code) is never a guest's, whatever a grant says.
                .protect(context.home().dir())
                // Tools reach granted hosts over https only, unless the operator allows plain http to this machine.
                .plainHttpToLoopback("1".equals(context.env().get("NACRE_ALLOW_LOOPBACK_HTTP")))
                .build();
    }

    /**
     * The host environment a policy's {@code env:} may pick keys from: never the provider's API key,
     * the variable config names for it, or secrets (those reach hosts only through nacre.http).
     */
    static Map<String, String> guestVisibleEnvironment(Map<String, String> env) {
        var visible = new TreeMap<String, String>();
        env.forEach((k, v) -> {
            boolean secret = k.startsWith("NACRE_SECRET_") || k.equals("NACRE_API_KEY") || k.endsWith("_API_KEY")
                    || k.endsWith("_TOKEN") || k.endsWith("_PASSWORD") || k.endsWith("_SECRET");
            if (!secret) visible.put(k, v);
        });
        return visible;
    }

    /** Every installed package, with one-line problems for the modules or policies that failed to load. */
    static ToolDirectory packages(NacreHome home, Config config) {
        var scanned = ToolDirectory.scan(directory(home));
        var packages = new ArrayList<>(scanned.packages());
        var problems = new ArrayList<>(scanned.problems());
        for (Path file : config.toolModules()) {
            try {
                packages.add(ToolPackage.load(file));
            } catch (SandboxException | PolicyException e) {
                problems.add(e.getMessage());
            }
        }
        return new ToolDirectory(packages, problems);
    }

    static WasmToolbox toolbox(Sandbox sandbox, NacreHome home, Config config, Consumer<Audit> audits) {
        var dir = packages(home, config);
        return WasmToolbox.of(sandbox, dir.packages(), dir.problems(), audits);
    }

    /** A module given on the command line: a path, or the name of an installed one. */
    static ToolPackage find(String nameOrPath, NacreHome home, Config config) {
        Path asPath = Path.of(nameOrPath);
        if (Files.isRegularFile(asPath)) return ToolPackage.load(asPath);
        List<ToolPackage> installed = packages(home, config).packages();
        for (ToolPackage p : installed) if (p.module().name().equals(nameOrPath)) return p;
        throw new UsageError("no tool module '" + nameOrPath + "': give a .wasm path or one of "
                + (installed.isEmpty() ? "(none installed; see nacre tools add)"
                        : String.join(", ", installed.stream().map(p -> p.module().name()).toList())));
    }
}
