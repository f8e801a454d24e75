package dev.nacre.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core must do no I/O, read no clock, draw no random numbers, start no threads and use no
 * reflection. The TeaVM build only catches methods its class library lacks, so this reads the
 * constant pool of every compiled core class and fails on a reference to anything impure.
 */
class PurityTest {
    private static final List<String> FORBIDDEN_PACKAGES = List.of(
            "java/io/", "java/nio/", "java/net/", "java/time/", "java/util/concurrent/", "java/lang/reflect/",
            "java/security/", "java/util/random/", "java/util/logging/", "java/lang/management/", "javax/", "jdk/", "sun/");
    private static final List<String> FORBIDDEN_CLASSES = List.of(
            "java/lang/System", "java/lang/Runtime", "java/lang/Thread", "java/lang/ThreadLocal", "java/lang/ProcessBuilder",
            "java/lang/ClassLoader", "java/lang/Math.random", "java/util/Random", "java/util/UUID", "java/util/Date",
            "java/util/Calendar", "java/util/Locale", "java/util/Timer", "java/util/HashMap", "java/util/HashSet",
            "java/lang/String.format", "java/lang/String.formatted", "java/lang/String.toLowerCase", "java/lang/String.toUpperCase");

    @Test
    void coreReferencesNothingImpure() throws Exception {
        var violations = new TreeSet<String>();
        for (Path file : coreClassFiles()) {
            for (String ref : references(file)) {
                boolean bad = FORBIDDEN_PACKAGES.stream().anyMatch(ref::startsWith)
                        || FORBIDDEN_CLASSES.stream().anyMatch(c -> ref.equals(c) || ref.startsWith(c + "."))
                        // Class objects appear in record and switch bootstraps; calling methods on them is reflection.
                        || ref.startsWith("java/lang/Class.")
                        || ref.startsWith("java/lang/Object.getClass");
                if (bad) violations.add(file.getFileName() + " -> " + ref);
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theScanSeesReferences() throws Exception {
        var all = new TreeSet<String>();
        for (Path file : coreClassFiles()) all.addAll(references(file));
        assertThat(all).contains("java/util/LinkedHashMap", "java/lang/StringBuilder.append");
    }

    private static List<Path> coreClassFiles() throws IOException, URISyntaxException {
        Path root = Path.of(Agent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            var found = files.filter(p -> p.toString().endsWith(".class")).toList();
            assertThat(found).hasSizeGreaterThan(10);
            return found;
        }
    }

    /** Class names ("a/b/C") and member references ("a/b/C.name") from a class file's constant pool. */
    private static List<String> references(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); var data = new DataInputStream(in)) {
            data.readInt();
            data.readUnsignedShort();
            data.readUnsignedShort();
            int count = data.readUnsignedShort();
            var utf8 = new String[count];
            var classIndex = new int[count];
            var nameAndTypeName = new int[count];
            var memberRefs = new ArrayList<int[]>();
            var classRefs = new ArrayList<Integer>();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = data.readUTF();
                    case 7 -> {
                        classIndex[i] = data.readUnsignedShort();
                        classRefs.add(i);
                    }
                    case 9, 10, 11 -> memberRefs.add(new int[] {data.readUnsignedShort(), data.readUnsignedShort()});
                    case 12 -> {
                        nameAndTypeName[i] = data.readUnsignedShort();
                        data.readUnsignedShort();
                    }
                    case 8, 16, 19, 20 -> data.readUnsignedShort();
                    case 3, 4 -> data.readInt();
                    case 5, 6 -> {
                        data.readLong();
                        i++;
                    }
                    case 15 -> {
                        data.readUnsignedByte();
                        data.readUnsignedShort();
                    }
                    case 17, 18 -> data.readInt();
                    default -> throw new IOException("unknown constant pool tag " + tag + " in " + file);
                }
            }
            var refs = new ArrayList<String>();
            for (int c : classRefs) refs.add(utf8[classIndex[c]]);
            for (int[] m : memberRefs) refs.add(utf8[classIndex[m[0]]] + "." + utf8[nameAndTypeName[m[1]]]);
            return refs;
        }
    }
}
