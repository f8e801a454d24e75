package dev.nacre.cli;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code nacre doctor}: checks each thing Nacre needs, and says how to fix what fails. */
@Command(name = "doctor", description = "Check the JDK, home directory, database and model provider.")
final class DoctorCommand implements Callable<Integer> {
    private final Context context;
    private boolean allOk = true;

    DoctorCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        int feature = Runtime.version().feature();
        check("JDK " + Runtime.version(), feature >= 25, "Nacre needs JDK 25 or newer: set JAVA_HOME to one (./nacre does)");
        var home = context.home();
        boolean homeOk;
        try {
            home.ensure();
            homeOk = Files.isWritable(home.dir());
        } catch (UsageError e) {
            homeOk = false;
        }
        check("home " + home.dir(), homeOk, "make it writable, or set NACRE_HOME to a writable directory");
        if (homeOk) {
            try (var journal = Nacre.openJournal(home)) {
                check("database " + home.database() + " (" + journal.sessions(Integer.MAX_VALUE).size() + " sessions)", true, "");
            } catch (RuntimeException e) {
                check("database " + home.database(), false, e.getMessage());
            }
        }
        Config config;
        try {
            config = context.config();
            check("config " + home.config() + (Files.exists(home.config()) ? "" : " (absent; using defaults)"), true, "");
        } catch (UsageError e) {
            check("config " + home.config(), false, e.getMessage());
            return ExitCode.FAILED;
        }
        var provider = config.provider();
        if (!provider.configured()) {
            check("model provider", false, "none configured");
            ProviderGuide.print(context.out(), home);
            return ExitCode.FAILED;
        }
        try {
            List<String> models = Providers.listModels(provider);
            boolean served = provider.model().isEmpty() || models.isEmpty() || models.contains(provider.model());
            check("provider " + provider.baseUrl() + " answers; models: " + (models.isEmpty() ? "(none listed)" : String.join(", ", models)),
                    true, "");
            check("model '" + provider.model() + "'", served && !provider.model().isEmpty(),
                    provider.model().isEmpty() ? "set NACRE_MODEL or provider.model to one of the models above"
                            : "this server does not list it: set NACRE_MODEL to one of the models above");
        } catch (RuntimeException e) {
            check("provider " + provider.baseUrl(), false, e.getMessage());
        }
        return allOk ? ExitCode.OK : ExitCode.FAILED;
    }

    private void check(String what, boolean ok, String fix) {
        context.out().println((ok ? "ok    " : "FAIL  ") + what);
        if (!ok) {
            allOk = false;
            context.out().println("      fix: " + fix);
        }
    }
}
