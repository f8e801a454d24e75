package dev.nacre.sandbox;

import dev.nacre.core.Json;

/** One thing a call touched, or tried to and was refused. Secret values never appear here, only names. */
public sealed interface CapabilityUse {

    /** A granted host file copied into the virtual filesystem. */
    record FileRead(String path, long bytes) implements CapabilityUse {}

    /** A file the guest wrote, copied back to the host after the call succeeded. */
    record FileWritten(String path, long bytes) implements CapabilityUse {}

    /** A symbolic link found in a granted host directory; never followed, never copied. */
    record SymlinkSkipped(String path) implements CapabilityUse {}

    /** An environment key passed to the guest (its value is not recorded). */
    record EnvPassed(String key) implements CapabilityUse {}

    /** An HTTP request the host made for the guest; status -1 if it failed before a response. */
    record Http(String method, String host, int status) implements CapabilityUse {}

    /** A secret the host added to a request to {@code host}. */
    record SecretUsed(String name, String host) implements CapabilityUse {}

    /** A refused capability: what was asked ({@code file}, {@code http}, {@code secret}, {@code log}) and why. */
    record Denied(String capability, String detail) implements CapabilityUse {}

    /** A line the guest logged through {@code nacre.log}. */
    record Log(String level, String message) implements CapabilityUse {}

    default Json toJson() {
        return switch (this) {
            case FileRead r -> Json.object().put("type", "file_read").put("path", r.path()).put("bytes", r.bytes()).build();
            case FileWritten w -> Json.object().put("type", "file_written").put("path", w.path()).put("bytes", w.bytes()).build();
            case SymlinkSkipped s -> Json.object().put("type", "symlink_skipped").put("path", s.path()).build();
            case EnvPassed e -> Json.object().put("type", "env").put("key", e.key()).build();
            case Http h -> Json.object().put("type", "http").put("method", h.method()).put("host", h.host())
                    .put("status", h.status()).build();
            case SecretUsed s -> Json.object().put("type", "secret").put("name", s.name()).put("host", s.host()).build();
            case Denied d -> Json.object().put("type", "denied").put("capability", d.capability())
                    .put("detail", d.detail()).build();
            case Log l -> Json.object().put("type", "log").put("level", l.level()).put("message", l.message()).build();
        };
    }
}
