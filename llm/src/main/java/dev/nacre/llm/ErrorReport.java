package dev.nacre.llm;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import dev.nacre.runtime.ModelException;
import dev.nacre.runtime.ModelException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;

/** Turns what went wrong talking to one endpoint into one line a user can act on. Never prints the API key. */
final class ErrorReport {
    private static final int QUOTE_LIMIT = 200;

    private final URI base;
    private final String apiKey;

    ErrorReport(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** host or host:port, as users wrote it. */
    String host() {
        return base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort();
    }

    ModelException error(Kind kind, String message) {
        return new ModelException(kind, scrub(message));
    }

    ModelException error(Kind kind, String message, Throwable cause) {
        return new ModelException(kind, scrub(message), cause);
    }

    /** A non-2xx answer. {@code models} lists what the server serves, asked only when the model is the problem. */
    AttemptFailed status(LineExchange.Head head, String body, String model, Supplier<List<String>> models) {
        int status = head.status();
        String detail = message(body);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (status == 401 || status == 403) {
            String what = apiKey.isEmpty() ? host() + " requires an API key (" + status + ")"
                    : "the API key was refused by " + host() + " (" + status + ")";
            return AttemptFailed.fatal(error(Kind.AUTH, what + ": set NACRE_API_KEY"));
        }
        if (status == 429) {
            return new AttemptFailed(error(Kind.RATE_LIMITED, "rate limited by " + host() + " (429): " + detail),
                    true, retryAfter(head.header("retry-after")));
        }
        if (status >= 500) {
            return AttemptFailed.transientError(error(Kind.SERVER, host() + " failed (" + status + "): " + detail));
        }
        boolean aboutModel = lower.contains("model") && (status == 404 || lower.contains("not found")
                || lower.contains("does not exist") || lower.contains("unknown") || lower.contains("no such"));
        if (aboutModel) return AttemptFailed.fatal(error(Kind.UNKNOWN_MODEL, unknownModel(model, models)));
        if (status == 404) {
            return AttemptFailed.fatal(error(Kind.PROTOCOL, host() + " has no " + base.getPath()
                    + "/chat/completions (404): check the base URL, it usually ends in /v1"));
        }
        if (status == 408) return AttemptFailed.transientError(error(Kind.TIMEOUT, host() + " timed out the request (408)"));
        return AttemptFailed.fatal(error(Kind.PROTOCOL, host() + " rejected the request (" + status + "): " + detail));
    }

    private String unknownModel(String model, Supplier<List<String>> models) {
        String line = "model '" + model + "' is not served by " + host();
        try {
            List<String> ids = models.get();
            return ids.isEmpty() ? line : line + "; it lists: " + String.join(", ", ids);
        } catch (RuntimeException e) {
            return line;
        }
    }

    /** A failure to connect (before any response) or a connection lost part way. */
    AttemptFailed connection(IOException e, boolean responded) {
        String where = base.getScheme() + "://" + host();
        if (responded) {
            return AttemptFailed.transientError(error(Kind.SERVER, host() + " closed the connection in the middle of the reply", e));
        }
        // Read timeouts never get here (they are LineExchange.Timeout): a socket timeout is a connect timeout.
        boolean connectTimedOut = has(e, SocketTimeoutException.class) || has(e, HttpConnectTimeoutException.class);
        if (has(e, ConnectException.class) && !connectTimedOut) {
            return AttemptFailed.transientError(error(Kind.UNREACHABLE,
                    "cannot reach " + where + ": connection refused — is the server running?", e));
        }
        if (connectTimedOut) {
            return AttemptFailed.transientError(error(Kind.UNREACHABLE, "cannot reach " + where + ": the connection timed out", e));
        }
        if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
            return AttemptFailed.fatal(error(Kind.UNREACHABLE, "cannot reach " + where + ": unknown host '" + base.getHost() + "'", e));
        }
        if (has(e, SSLHandshakeException.class)) {
            // "Closed without replying" would send the user looking at the server. A certificate this JDK
            // does not trust stays untrusted (fatal); a handshake the peer broke off may go next time.
            String why = String.valueOf(cause(e, SSLHandshakeException.class).getMessage());
            if (has(e, CertificateException.class) || why.contains("PKIX") || why.contains("certification path")) {
                return AttemptFailed.fatal(error(Kind.UNREACHABLE, "cannot reach " + where + ": the TLS handshake failed: this JDK "
                        + "does not trust the server's certificate; if it is self-signed or from a private CA, add it to a "
                        + "trust store and start Nacre with -Djavax.net.ssl.trustStore=FILE", e));
            }
            return AttemptFailed.transientError(error(Kind.SERVER, "the TLS handshake with " + where + " failed: "
                    + why.lines().findFirst().orElse(""), e));
        }
        return AttemptFailed.transientError(error(Kind.SERVER, host() + " closed the connection without replying", e));
    }

    AttemptFailed timeout(LineExchange.Timeout t, Duration stall, Duration total) {
        String what = t.writing && t.stalled ? host() + " stopped reading the request for " + seconds(stall) + " (stall timeout)"
                : t.writing ? host() + " did not read the whole request within " + seconds(total)
                : t.stalled ? host() + " sent nothing for " + seconds(stall) + " (stall timeout)"
                : host() + " did not finish the reply within " + seconds(total);
        return AttemptFailed.transientError(error(Kind.TIMEOUT, what));
    }

    /** The error message inside an error body, in the shapes OpenAI, vLLM, llama.cpp and Ollama use. */
    static String message(String body) {
        String text = body.strip();
        try {
            if (Json.parse(text) instanceof Json.Obj o) {
                var e = o.get("error").orElse(Json.NULL);
                if (e instanceof Json.Obj eo && !eo.string("message", "").isEmpty()) text = eo.string("message", "");
                else if (e instanceof Json.Str(String s)) text = s;
                else if (!o.string("message", "").isEmpty()) text = o.string("message", "");
                else if (!o.string("detail", "").isEmpty()) text = o.string("detail", "");
            }
        } catch (JsonException notJson) {
            // quote the raw body
        }
        text = text.replaceAll("\\s+", " ");
        if (text.isEmpty()) return "(empty body)";
        return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...";
    }

    static Optional<Duration> retryAfter(String value) {
        if (value.isBlank()) return Optional.empty();
        String v = value.strip();
        try {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                var wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (RuntimeException unparsable) {
                return Optional.empty();
            }
        }
    }

    private String scrub(String message) {
        return apiKey.length() >= 4 ? message.replace(apiKey, "[redacted]") : message;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return t;
        return null;
    }
}
