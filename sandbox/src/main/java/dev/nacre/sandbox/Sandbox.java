package dev.nacre.sandbox;

import dev.nacre.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;

/**
 * The host that runs Wasm tool modules: compiles each module once, and runs every call in a
 * fresh instance under the call's {@link Policy}. Calls never throw for anything a module or
 * its arguments can cause: they return a {@link CallResult} whose {@link Audit} says what happened.
 */
public final class Sandbox implements AutoCloseable {
    /** Stack of the threads that run guests: deep Wasm recursion becomes a trap, not a crash. */
    static final long GUEST_STACK_BYTES = 16L << 20;

    private final Path workspace;
    private final Map<String, String> environment;
    private final SecretSource secrets;
    private final HttpClient http;
    private final boolean plainHttpToLoopback;
    private final CodeCache code;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final List<Path> protectedPaths;
    private final Map<String, Described> described = new ConcurrentHashMap<>();
    private final Map<Policy, String> policyHashes = new ConcurrentHashMap<>();

    private Sandbox(Builder b) {
        try {
            this.workspace = b.workspace.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("workspace " + b.workspace + " does not exist", e);
        }
        this.environment = Map.copyOf(b.environment);
        this.secrets = b.secrets != null ? b.secrets : SecretSource.fromEnvironment(environment);
        this.http = b.http != null ? b.http : HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect could lead to a host the policy does not list
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.plainHttpToLoopback = b.plainHttpToLoopback;
        var prot = new java.util.ArrayList<Path>(b.protectedPaths);
        if (b.cacheDirectory != null) prot.add(b.cacheDirectory); // its jars run as JVM code: never reachable by a grant
        this.protectedPaths = List.copyOf(prot);
        this.code = new CodeCache(Optional.ofNullable(b.cacheDirectory));
        this.slots = new Semaphore(b.maxConcurrentCalls, true);
        // Platform threads: compiled guests never yield, so on virtual threads they would pin every carrier.
        // Pooled: starting a platform thread with a large stack costs more than a whole small call.
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().name("nacre-wasm-", 0).daemon(true).stackSize(GUEST_STACK_BYTES).factory());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The tools a module offers (its describe output), cached per module sha256. Describe runs
     * outside the cache's lock and in a concurrency slot; only answers and deterministic failures
     * ({@code invalid_module}, {@code invalid_output}) are cached, never a timeout under load.
     */
    public List<ToolDescriptor> describe(ToolModule module) {
        var d = described.get(module.sha256());
        if (d == null) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException(ErrorKind.TIMEOUT, "describe of " + module.name() + " was cancelled by the host");
            }
            try {
                d = described.get(module.sha256()); // another caller may have finished meanwhile
                if (d == null) d = Describe.run(this, module);
            } finally {
                slots.release();
            }
            if (d.cacheable()) d = Objects.requireNonNullElse(described.putIfAbsent(module.sha256(), d), d);
        }
        if (d.failure() != null) throw d.failure();
        return d.tools();
    }

    public CallResult call(ToolModule module, Policy policy, String tool, Json.Obj arguments) {
        return call(module, policy, tool, arguments, CallOptions.defaults());
    }

    /** Runs one tool of a module under a policy; never throws for guest or argument failures. */
    public CallResult call(ToolModule module, Policy policy, String tool, Json.Obj arguments, CallOptions options) {
        Objects.requireNonNull(module);
        Objects.requireNonNull(policy);
        Objects.requireNonNull(arguments);
        return new Call(this, module, policy, tool, arguments, options).run();
    }

    String policySha256(Policy policy) {
        if (policyHashes.size() > 1024) policyHashes.clear();
        return policyHashes.computeIfAbsent(policy, Policy::sha256);
    }

    CodeCache code() {
        return code;
    }

    Path workspace() {
        return workspace;
    }

    Map<String, String> environment() {
        return environment;
    }

    SecretSource secrets() {
        return secrets;
    }

    HttpClient http() {
        return http;
    }

    /** Whether describe's answer (or deterministic failure) for {@code module} is cached. */
    boolean describeCached(ToolModule module) {
        return described.containsKey(module.sha256());
    }

    /** Resolved afresh per call: protected directories may be created after the sandbox. */
    Protection protection() {
        return Protection.of(protectedPaths);
    }

    boolean plainHttpToLoopback() {
        return plainHttpToLoopback;
    }

    Semaphore slots() {
        return slots;
    }

    ExecutorService workers() {
        return workers;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /**
     * A describe answer or the reason there is none. {@code cause} is the kind of the underlying
     * failure (the failure itself is always {@code invalid_module}).
     */
    record Described(List<ToolDescriptor> tools, SandboxException failure, ErrorKind cause) {
        Described(List<ToolDescriptor> tools, SandboxException failure) {
            this(tools, failure, failure == null ? null : failure.kind());
        }

        /** Answers and deterministic failures; not timeouts, fuel or memory (they depend on load and limits). */
        boolean cacheable() {
            return failure == null || cause == ErrorKind.INVALID_MODULE || cause == ErrorKind.INVALID_OUTPUT;
        }
    }

    public static final class Builder {
        private Path workspace = Path.of("").toAbsolutePath();
        private Map<String, String> environment = System.getenv();
        private SecretSource secrets;
        private HttpClient http;
        private boolean plainHttpToLoopback;
        private Path cacheDirectory;
        private final List<Path> protectedPaths = new java.util.ArrayList<>();
        private int maxConcurrentCalls = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());

        private Builder() {}

        /** The host directory that {@code fs://} paths are relative to (default: the working directory). */
        public Builder workspace(Path root) {
            this.workspace = root;
            return this;
        }

        /** Where granted env keys take their values from (default: this process's environment). */
        public Builder environment(Map<String, String> env) {
            this.environment = env;
            return this;
        }

        /** Where secret values come from (default: NACRE_SECRET_NAME in {@link #environment}). */
        public Builder secrets(SecretSource source) {
            this.secrets = source;
            return this;
        }

        /** The client for {@code nacre.http}; it must not follow redirects (a redirect could lead to an unlisted host). */
        public Builder httpClient(HttpClient client) {
            if (client != null && client.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new IllegalArgumentException("the sandbox's HttpClient must not follow redirects (got "
                        + client.followRedirects() + ")");
            }
            this.http = client;
            return this;
        }

        /**
         * Host paths no grant can reach, whatever the policy says: never copied in, never written
         * back (e.g. Nacre's home with its policies, config and state when it lies inside the
         * workspace). Anything under them is protected too. The cache directory is always protected.
         */
        public Builder protect(Path... realPaths) {
            for (Path p : realPaths) protectedPaths.add(Objects.requireNonNull(p));
            return this;
        }

        /** Allow plain http to 127.0.0.1/::1/localhost (still only to hosts the policy lists). For tests and local services. */
        public Builder plainHttpToLoopback(boolean allow) {
            this.plainHttpToLoopback = allow;
            return this;
        }

        /** Persist compiled code here (operator-owned directory); without it, code is cached per process. */
        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = dir;
            return this;
        }

        /** Calls beyond this wait for a slot; their timeout starts when they run. */
        public Builder maxConcurrentCalls(int n) {
            if (n < 1) throw new IllegalArgumentException("maxConcurrentCalls must be at least 1");
            this.maxConcurrentCalls = n;
            return this;
        }

        public Sandbox build() {
            return new Sandbox(this);
        }
    }
}
