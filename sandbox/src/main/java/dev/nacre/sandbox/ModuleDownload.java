package dev.nacre.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Installs a module from a URL pinned by sha256 ({@code https://host/x.wasm#sha256=HEX}) into a
 * tools directory. https only; plain http only to loopback when allowed (tests). The bytes are
 * verified before anything is written.
 */
public final class ModuleDownload {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");

    private ModuleDownload() {}

    /** {@code url} must end in {@code #sha256=HEX}. */
    public static ToolModule install(String url, Path toolsDirectory, HttpClient client, boolean plainHttpToLoopback) {
        URI uri = URI.create(url);
        String fragment = uri.getFragment() == null ? "" : uri.getFragment();
        if (!fragment.startsWith("sha256=")) {
            throw new SandboxException(ErrorKind.INVALID_MODULE, "module URL must end in #sha256=<hex digest>: " + url);
        }
        String bare = url.substring(0, url.indexOf('#'));
        return install(URI.create(bare), fragment.substring(7), toolsDirectory, client, plainHttpToLoopback);
    }

    public static ToolModule install(URI uri, String sha256, Path toolsDirectory, HttpClient client,
                                     boolean plainHttpToLoopback) {
        String expected = Sizes.lower(sha256);
        if (!SHA.matcher(expected).matches()) throw invalid("sha256 must be 64 hex digits, got '" + sha256 + "'");
        String scheme = uri.getScheme() == null ? "" : Sizes.lower(uri.getScheme());
        String host = uri.getHost() == null ? "" : Sizes.lower(uri.getHost());
        if (!scheme.equals("https") && !(scheme.equals("http") && plainHttpToLoopback && Loopback.is(host))) {
            throw invalid("refusing to download over " + scheme + ": use https (" + uri + ")");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        if (!file.endsWith(".wasm")) throw invalid("module URL must name a .wasm file: " + uri);
        byte[] bytes = fetch(uri, client);
        String actual = Sha256.hex(bytes);
        if (!actual.equals(expected)) throw invalid("sha256 mismatch for " + uri + ": expected " + expected + ", got " + actual);
        var module = ToolModule.of(file.substring(0, file.length() - 5), bytes);
        store(module, toolsDirectory);
        return module;
    }

    private static byte[] fetch(URI uri, HttpClient client) {
        try {
            var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) throw invalid("download of " + uri + " failed: HTTP " + response.statusCode());
                byte[] bytes = in.readNBytes((int) ToolModule.MAX_BYTES + 1);
                if (bytes.length > ToolModule.MAX_BYTES) throw invalid(uri + " is larger than " + Sizes.bytesText(ToolModule.MAX_BYTES));
                return bytes;
            }
        } catch (IOException e) {
            throw invalid("download of " + uri + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw invalid("download of " + uri + " was interrupted");
        }
    }

    private static void store(ToolModule module, Path dir) {
        Path target = dir.resolve(module.name() + ".wasm");
        try {
            Files.createDirectories(dir);
            if (Files.exists(target)) {
                if (Sha256.hex(Files.readAllBytes(target)).equals(module.sha256())) return;
                throw invalid(target + " already exists with different content; remove it first");
            }
            Path tmp = Files.createTempFile(dir, ".download-", ".tmp");
            try {
                Files.write(tmp, module.rawBytes());
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw invalid("cannot store " + target + ": " + e.getMessage());
        }
    }

    private static SandboxException invalid(String why) {
        return new SandboxException(ErrorKind.INVALID_MODULE, why);
    }
}
