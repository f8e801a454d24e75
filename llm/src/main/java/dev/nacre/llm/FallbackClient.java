package dev.nacre.llm;

import dev.nacre.runtime.ModelClient;
import dev.nacre.runtime.ModelException;
import dev.nacre.runtime.ModelException.Kind;
import dev.nacre.runtime.ModelReply;
import dev.nacre.runtime.ModelRequest;
import dev.nacre.runtime.ModelStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Tries providers in order. When one fails after its own retries (rate limit, server error,
 * timeout, unreachable, refused key) the next one gets the request; a fallback uses its own
 * default model. Errors that another provider would not fix (a malformed reply, an interrupt) end the call.
 */
public final class FallbackClient implements ModelClient, AutoCloseable {
    private static final Set<Kind> FALL_BACK_ON = EnumSet.of(Kind.RATE_LIMITED, Kind.SERVER, Kind.TIMEOUT,
            Kind.UNREACHABLE, Kind.AUTH);

    private final List<ModelClient> clients;

    private FallbackClient(List<? extends ModelClient> clients) {
        if (clients.isEmpty()) throw new IllegalArgumentException("a FallbackClient needs at least one client");
        this.clients = List.copyOf(clients);
    }

    public static FallbackClient of(List<? extends ModelClient> clients) {
        return new FallbackClient(clients);
    }

    /** An {@link OpenAiClient} for {@code config} followed by one for each of its fallbacks. */
    public static FallbackClient from(ProviderConfig config) {
        var clients = new ArrayList<ModelClient>();
        clients.add(OpenAiClient.create(config));
        for (ProviderConfig f : config.fallbacks()) clients.add(OpenAiClient.create(f));
        return new FallbackClient(clients);
    }

    public List<ModelClient> clients() {
        return clients;
    }

    @Override
    public String defaultModel() {
        return clients.getFirst().defaultModel();
    }

    @Override
    public ModelReply complete(ModelRequest request, ModelStream stream) {
        ModelException first = null;
        var failures = new ArrayList<String>();
        for (int i = 0; i < clients.size(); i++) {
            var r = i == 0 ? request : new ModelRequest("", request.messages(), request.tools());
            try {
                return clients.get(i).complete(r, stream);
            } catch (ModelException e) {
                boolean last = i == clients.size() - 1;
                if (!FALL_BACK_ON.contains(e.kind()) || last) {
                    if (first == null || e.kind() == Kind.INTERRUPTED) throw e;
                    failures.add(e.getMessage());
                    throw new ModelException(first.kind(), first.getMessage() + " (fallbacks failed too: "
                            + String.join("; ", failures) + ")", e);
                }
                if (first == null) first = e;
                else failures.add(e.getMessage());
                stream.restart("falling back to the next provider: " + e.getMessage());
            }
        }
        throw new IllegalStateException("unreachable");
    }

    @Override
    public void close() {
        for (ModelClient c : clients) {
            if (c instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing is best effort
                }
            }
        }
    }
}
