package dev.nacre.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The scenarios as the reference measured them: whole processes, start to exit, against the canned
 * server. Runtimes: {@code ./nacre} (with its AOT cache, and without for start-up), LangChain4j as a
 * plain {@code java} process with the same JVM flags, and a Java hello world in the same shape (one
 * process, or one per query) as the floor. One-process scenarios rotate the runtimes each round.
 */
final class ProcessScenarios {
    static final String NACRE = "Nacre";
    static final String NACRE_NO_AOT = "Nacre, NACRE_AOT=0";
    static final String PEER = "LangChain4j";
    static final String HELLO = "java HelloWorld (floor)";
    static final List<Scenario> ONE_PROCESS = List.of(Scenario.INIT, Scenario.SINGLE, Scenario.TOOL, Scenario.CONVERSATION,
            Scenario.CONVERSATION_NO_HISTORY);
    private static final List<Scenario> NO_AOT = List.of(Scenario.INIT, Scenario.SINGLE);

    /** Per runtime, per scenario; and each runtime's peak RSS for one single-turn process (KiB, -1 unknown). */
    record Result(Map<String, Map<Scenario, Measured>> cells, Map<String, Long> rssKib) {}

    private final ScenarioIterations iterations;
    private final Path repoRoot;
    private final Path workDir;
    private final Progress progress;

    ProcessScenarios(ScenarioIterations iterations, Path repoRoot, Path workDir, Progress progress) {
        this.iterations = iterations;
        this.repoRoot = repoRoot;
        this.workDir = workDir;
        this.progress = progress;
    }

    Result measure(String baseUrl, List<String> helloCommand) {
        Path scratch = directory("scratch");
        Path conversation = write("conversation.txt", IntStream.rangeClosed(1, Canned.TURNS).mapToObj(i -> "Message " + i));
        String twentyAnswers = Stream.generate(() -> Canned.HELLO_ANSWER).limit(Canned.TURNS).collect(Collectors.joining("\n"));
        var env = Map.of("NACRE_BASE_URL", baseUrl, "NACRE_MODEL", "scripted-model", "NACRE_JAVA_HOME", Jdk.home().toString());
        var nacreEnv = new java.util.HashMap<>(env);
        nacreEnv.put("NACRE_HOME", directory("nacre-home").toString());
        var peerEnv = new java.util.HashMap<>(env);
        peerEnv.put("NACRE_HOME", directory("peer-home").toString());
        String nacre = repoRoot.resolve("nacre").toString();
        var peerJava = new ArrayList<>(List.of(Jdk.java().toString(), "@" + repoRoot.resolve("cli/jvm.options"), "-cp", peerClassPath(),
                LangChain4jAgents.class.getName()));

        Function<Scenario, Launch> nacreLaunch = s -> switch (s) {
            case INIT -> launch("nacre", List.of(nacre, "run", "--init-only"), nacreEnv, "ready");
            case TOOL -> launch("nacre", List.of(nacre, "run", Canned.REMEMBER), nacreEnv, Canned.DONE);
            case CONVERSATION -> launch("nacre", List.of(nacre, "run", "--stdin-turns", "history"), nacreEnv, "")
                    .withStdin(conversation, twentyAnswers);
            case CONVERSATION_NO_HISTORY -> launch("nacre", List.of(nacre, "run", "--stdin-turns", "no-history"), nacreEnv, "")
                    .withStdin(conversation, twentyAnswers);
            default -> launch("nacre", List.of(nacre, "run", Canned.HELLO), nacreEnv, Canned.HELLO_ANSWER);
        };
        Function<Scenario, Launch> peerLaunch = s -> switch (s) {
            case INIT -> launch("peer", plus(peerJava, "init"), peerEnv, "ready");
            case TOOL -> launch("peer", plus(peerJava, "run", Canned.REMEMBER), peerEnv, Canned.DONE);
            case CONVERSATION -> launch("peer", plus(peerJava, "stdin", "history"), peerEnv, "").withStdin(conversation, twentyAnswers);
            case CONVERSATION_NO_HISTORY -> launch("peer", plus(peerJava, "stdin", "no-history"), peerEnv, "")
                    .withStdin(conversation, twentyAnswers);
            default -> launch("peer", plus(peerJava, "run", Canned.HELLO), peerEnv, Canned.HELLO_ANSWER);
        };
        var hello = new Launch("hello", helloCommand, repoRoot, Map.of(), HelloProgram.OUTPUT);
        Function<Scenario, Launch> noAot = s -> nacreLaunch.apply(s).withEnv("NACRE_AOT", "0").named("nacre-no-aot");

        var runtimes = new java.util.LinkedHashMap<String, Function<Scenario, Launch>>();
        runtimes.put(NACRE, nacreLaunch);
        runtimes.put(NACRE_NO_AOT, noAot);
        runtimes.put(PEER, peerLaunch);
        runtimes.put(HELLO, s -> hello);
        var cells = new java.util.LinkedHashMap<String, Map<Scenario, Measured>>();
        runtimes.keySet().forEach(r -> cells.put(r, new EnumMap<>(Scenario.class)));

        // One unmeasured run of each: fills the page cache and creates each home's database.
        runtimes.forEach((r, f) -> f.apply(Scenario.SINGLE).time(scratch));
        for (Scenario s : ONE_PROCESS) {
            var names = runtimes.keySet().stream().filter(r -> !r.equals(NACRE_NO_AOT) || NO_AOT.contains(s)).toList();
            var samples = new ArrayList<Samples>();
            names.forEach(n -> samples.add(new Samples()));
            for (int round = 0; round < iterations.processRuns(); round++) {
                for (int k = 0; k < names.size(); k++) {
                    int which = (round + k) % names.size();
                    samples.get(which).add(runtimes.get(names.get(which)).apply(s).time(scratch));
                }
            }
            for (int i = 0; i < names.size(); i++) cells.get(names.get(i)).put(s, Measured.millis(samples.get(i)));
            progress.step("processes: " + s.label(iterations.queries()));
        }
        int queries = iterations.queries();
        for (Scenario s : Scenario.values()) {
            if (!s.isBatch()) continue;
            int workers = s.isPool() ? s.workers() : queries;
            cells.get(NACRE).put(s, batches(s, workers, nacreLaunch.apply(s), iterations.swarmRuns(), scratch));
            cells.get(HELLO).put(s, batches(s, workers, hello, iterations.swarmRuns(), scratch));
            boolean peer = iterations.peerSwarmRuns() > 0 && (s == Scenario.PARALLEL || s == Scenario.POOL_20);
            cells.get(PEER).put(s, peer ? batches(s, workers, peerLaunch.apply(s), iterations.peerSwarmRuns(), scratch)
                    : Measured.none(iterations.peerSwarmRuns() > 0 ? "not run (≈2 s CPU per process)" : "not run (quick)"));
            progress.step("processes: " + s.label(queries));
        }
        var rss = new java.util.LinkedHashMap<String, Long>();
        rss.put(HELLO, hello.maxRssKib(scratch));
        rss.put(NACRE, nacreLaunch.apply(Scenario.SINGLE).maxRssKib(scratch));
        rss.put(NACRE_NO_AOT, noAot.apply(Scenario.SINGLE).maxRssKib(scratch));
        rss.put(PEER, peerLaunch.apply(Scenario.SINGLE).maxRssKib(scratch));
        return new Result(cells, rss);
    }

    private Measured batches(Scenario s, int workers, Launch launch, int runs, Path scratch) {
        var samples = new Samples();
        for (int i = 0; i < runs; i++) samples.add(Batch.run(workers, iterations.queries(), () -> launch.time(scratch)));
        return s.isPool() ? Measured.rate(samples, iterations.queries()) : Measured.millis(samples);
    }

    private Launch launch(String name, List<String> command, Map<String, String> env, String expected) {
        return new Launch(name, command, repoRoot, env, expected);
    }

    private static List<String> plus(List<String> base, String... more) {
        var all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    /** This JVM's class path cut to LangChain4j and what it needs: no Nacre jar on the peer's path. */
    static String peerClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.endsWith(".jar") || p.matches(".*(langchain4j|jackson|jtokkit|jspecify|slf4j|opennlp).*"))
                .filter(p -> p.endsWith(".jar") || p.contains("bench"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The jars of {@link #peerClassPath}: what a LangChain4j user installs. */
    static List<Path> peerJars() {
        return Stream.of(peerClassPath().split(File.pathSeparator)).filter(p -> p.endsWith(".jar")).map(Path::of).toList();
    }

    private Path write(String name, Stream<String> lines) {
        try {
            return Files.writeString(directory("input").resolve(name), lines.collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(workDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
