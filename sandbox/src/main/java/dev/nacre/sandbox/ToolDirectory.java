package dev.nacre.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tools directory ({@code $NACRE_HOME/tools}): every {@code NAME.wasm} with its optional
 * {@code NAME.policy.yaml}. A bad module or policy is a problem line, not a failure of the rest.
 */
public record ToolDirectory(List<ToolPackage> packages, List<String> problems) {

    public ToolDirectory {
        packages = List.copyOf(packages);
        problems = List.copyOf(problems);
    }

    public static ToolDirectory scan(Path dir) {
        var packages = new ArrayList<ToolPackage>();
        var problems = new ArrayList<String>();
        if (!Files.isDirectory(dir)) return new ToolDirectory(packages, problems);
        var files = new ArrayList<Path>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.wasm")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
        }
        files.sort(null);
        for (Path file : files) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(file + ": not a regular file; skipped");
                continue;
            }
            try {
                packages.add(ToolPackage.load(file));
            } catch (SandboxException | PolicyException e) {
                problems.add(e.getMessage());
            }
        }
        return new ToolDirectory(packages, problems);
    }
}
