package dev.nacre.sandbox;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code nacre.http} for one call: checks a guest's request against the policy, adds a granted
 * secret, performs it and returns the response JSON. Every refusal is a JSON error, never a trap.
 * Scheme rule: https only; plain http only to a loopback address (127.0.0.1, ::1, localhost)
 * and only when the operator enabled it (tests, local services). Everything returned to the guest
 * and everything recorded goes through the call's {@link Redactor}; exception texts never reach
 * the guest (the JDK's quote header values, which may hold the secret).
 */
final class HttpGate {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> FIELDS = Set.of("method", "url", "headers", "body", "auth");
    /** Dropped from guest headers when a secret is added: they let a server return the echo in pieces or compressed. */
    private static final Set<String> DROPPED_WITH_AUTH = Set.of("range", "if-range", "accept-encoding", "te");
    private static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(30);

    private final Policy policy;
    private final SecretSource secrets;
    private final HttpClient client;
    private final boolean plainHttpToLoopback;
    private final Recorder recorder;
    private final Redactor redactor;
    private final long deadlineNanos;
    private int requests;

    HttpGate(Policy policy, SecretSource secrets, HttpClient client, boolean plainHttpToLoopback, Recorder recorder,
             long deadlineNanos) {
        this.policy = policy;
        this.secrets = secrets;
        this.client = client;
        this.plainHttpToLoopback = plainHttpToLoopback;
        this.recorder = recorder;
        this.redactor = recorder.redactor().isEmpty() ? Redactor.of(policy, secrets) : recorder.redactor();
        this.deadlineNanos = deadlineNanos;
    }

    /** The response JSON for a request JSON; interrupted means the call is being cancelled. */
    String handle(String requestJson) throws InterruptedException {
        Json.Obj req;
        try {
            if (!(Json.parse(requestJson) instanceof Json.Obj o)) return error("bad request: not a JSON object");
            req = o;
        } catch (JsonException | IllegalArgumentException e) {
            return error("bad request: not valid JSON");
        }
        for (String k : req.fields().keySet()) if (!FIELDS.contains(k)) return error("bad request: unknown field " + k);
        String method = req.string("method", "GET").toUpperCase(java.util.Locale.ROOT);
        if (!METHODS.contains(method)) return error("bad request: method " + method + " is not supported");
        String url = req.string("url", "");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return error("bad request: url is not valid");
        }
        String scheme = uri.getScheme() == null ? "" : Sizes.lower(uri.getScheme());
        String host = uri.getHost() == null ? "" : Sizes.lower(uri.getHost());
        if (host.isEmpty()) return error("bad request: url has no host");
        if (uri.getRawUserInfo() != null) return deny("http", "credentials in the url are not allowed");
        boolean loopback = Loopback.is(host);
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback && plainHttpToLoopback)) {
            return deny("http", "scheme " + scheme + " is not allowed for " + host + " (https only)");
        }
        if (!policy.allowsHost(host)) return deny("http", "host " + host + " is not in the policy");
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (!policy.allowsHost(host, port)) return deny("http", "port " + port + " is not allowed for host " + host);
        var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        for (var e : req.object("headers").fields().entrySet()) {
            if (!(e.getValue() instanceof Json.Str(String v))) return error("bad request: header " + e.getKey() + " is not a string");
            headers.put(e.getKey(), v);
        }
        String body = req.string("body", "");
        String leaked = leakedSecret(url, headers, body);
        if (leaked != null) return deny("secret", "the request contains the value of secret " + leaked);
        String auth = req.string("auth", "");
        if (!auth.isEmpty()) {
            var grant = policy.secret(auth);
            if (grant.isEmpty()) return deny("secret", "secret " + auth + " is not in the policy");
            if (!grant.get().allows(host)) return deny("secret", "secret " + auth + " may not be sent to " + host);
            var value = secrets.secret(auth).filter(v -> !v.isEmpty());
            if (value.isEmpty()) return deny("secret", "secret " + auth + " is not configured on this host");
            if (!headerSafe(value.get())) {
                return deny("secret", "secret " + auth + " has control or non-ASCII characters; it cannot be sent in a header");
            }
            headers.keySet().removeIf(h -> DROPPED_WITH_AUTH.contains(Sizes.lower(h)));
            headers.put(grant.get().header(), grant.get().prefix() + value.get());
        }
        if (++requests > policy.limits().requests()) {
            return deny("http", "more than limits.requests (" + policy.limits().requests() + ") requests");
        }
        return send(method, uri, host, headers, body, auth);
    }

    private String send(String method, URI uri, String host, Map<String, String> headers, String body, String auth)
            throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        Duration timeout = Duration.ofNanos(Math.max(1_000_000, Math.min(left, MAX_REQUEST_TIME.toNanos())));
        HttpRequest request;
        try {
            var b = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(b::header);
            request = b.build();
        } catch (IllegalArgumentException e) {
            // never e.getMessage(): the JDK quotes the offending header value, which may be the secret
            return error("bad request: invalid header or url");
        }
        if (!auth.isEmpty()) recorder.add(new CapabilityUse.SecretUsed(auth, host));
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            recorder.add(new CapabilityUse.Http(method, host, -1));
            return error("request failed: " + e.getClass().getSimpleName());
        }
        recorder.add(new CapabilityUse.Http(method, host, response.statusCode()));
        byte[] bytes;
        long cap = policy.limits().response();
        try (InputStream in = response.body()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        } catch (IOException e) {
            return error("reading the response failed: " + e.getClass().getSimpleName());
        }
        if (bytes.length > cap) {
            return error("response body exceeds limits.response (" + Sizes.bytesText(cap) + ")");
        }
        var out = new LinkedHashMap<String, Json>();
        response.headers().map().forEach((k, v) -> out.put(redact(Sizes.lower(k)), Json.of(redact(String.join(", ", v)))));
        return Json.object()
                .put("status", response.statusCode())
                .put("headers", new Json.Obj(out))
                .put("body", redact(new String(bytes, StandardCharsets.UTF_8)))
                .build().print();
    }

    /** A secret the guest could only have if it leaked: its value must never leave in a guest-built request. */
    private String leakedSecret(String url, Map<String, String> headers, String body) {
        for (var grant : policy.secrets()) {
            var value = secrets.secret(grant.name());
            if (value.isEmpty() || value.get().isEmpty()) continue;
            String v = value.get();
            if (url.contains(v) || body.contains(v)) return grant.name();
            for (var h : headers.entrySet()) if (h.getKey().contains(v) || h.getValue().contains(v)) return grant.name();
        }
        return null;
    }

    /** A server that echoes request headers must not hand the secret to the guest. */
    private String redact(String text) {
        return redactor.redact(text);
    }

    /** Printable ASCII only: anything else is refused by (and quoted in the errors of) HTTP header builders. */
    static boolean headerSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) return false;
        }
        return true;
    }

    private String deny(String capability, String why) {
        recorder.add(new CapabilityUse.Denied(capability, why)); // the recorder redacts
        return error("denied: " + why);
    }

    private String error(String message) {
        return Json.object().put("error", redact(message)).build().print();
    }
}
