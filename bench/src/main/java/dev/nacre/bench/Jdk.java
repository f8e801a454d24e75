package dev.nacre.bench;

import java.nio.file.Path;

/** The JDK this benchmark runs on; the processes it starts use the same one. */
final class Jdk {
    private Jdk() {}

    static Path home() {
        return Path.of(System.getProperty("java.home"));
    }

    static Path java() {
        return home().resolve("bin").resolve("java");
    }

    static String version() {
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " " + Runtime.version();
    }
}
