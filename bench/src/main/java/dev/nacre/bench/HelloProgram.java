package dev.nacre.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;

/** A Java hello world compiled ahead of the runs, so its process time is JVM start alone, not javac's. */
final class HelloProgram {
    static final String OUTPUT = "Hello, world";
    private static final String SOURCE = """
            public class HelloWorld {
                public static void main(String[] args) {
                    System.out.println("Hello, world");
                }
            }
            """;

    private HelloProgram() {}

    /**
     * Compiles HelloWorld into {@code dir} and returns the command that runs it with this JVM's JDK
     * and Nacre's JVM flags ({@code cli/jvm.options}), so the floor is the same JVM start Nacre gets.
     */
    static List<String> compile(Path dir) {
        var compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) throw new IllegalStateException("this JVM has no javac: run the bench with a JDK, not a JRE");
        try {
            Files.createDirectories(dir);
            Path source = Files.writeString(dir.resolve("HelloWorld.java"), SOURCE);
            int code = compiler.run(null, null, null, "-d", dir.toString(), source.toString());
            if (code != 0) throw new IllegalStateException("javac failed on " + source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Nacre's flags include -XX:-UsePerfData: without it 50 JVMs at once may collide on an hsperfdata file and warn.
        return List.of(Jdk.java().toString(), "@" + Main.repoRoot().resolve("cli/jvm.options"), "-cp", dir.toString(), "HelloWorld");
    }
}
