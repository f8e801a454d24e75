package dev.nacre.cli;

import java.util.LinkedHashSet;
import java.util.List;

/** What a module's imports say it wants to do; the policy says what it may. */
final class Capabilities {
    private Capabilities() {}

    static List<String> requested(List<String> imports) {
        var wants = new LinkedHashSet<String>();
        for (String imp : imports) {
            String fn = imp.substring(imp.indexOf('.') + 1);
            if (imp.equals("nacre.http")) wants.add("network (nacre.http)");
            else if (imp.equals("nacre.log")) wants.add("log");
            else if (fn.startsWith("path_") || fn.equals("fd_readdir") || fn.startsWith("fd_prestat")) wants.add("files");
            else if (fn.startsWith("environ_")) wants.add("environment");
            else if (fn.startsWith("clock_")) wants.add("clock (virtual)");
            else if (fn.equals("random_get")) wants.add("randomness (seeded)");
        }
        if (wants.isEmpty()) wants.add("none beyond standard input and output");
        return List.copyOf(wants);
    }
}
