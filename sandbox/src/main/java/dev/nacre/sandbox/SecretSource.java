package dev.nacre.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where secret values come from: the operator's environment or vault, never the policy file or the guest. */
@FunctionalInterface
public interface SecretSource {
    String ENV_PREFIX = "NACRE_SECRET_";

    Optional<String> secret(String name);

    /** {@code NACRE_SECRET_<NAME>} (upper case, '-' as '_') from the given environment. */
    static SecretSource fromEnvironment(Map<String, String> environment) {
        return name -> Optional.ofNullable(environment.get(envKey(name))).filter(v -> !v.isEmpty());
    }

    static SecretSource none() {
        return name -> Optional.empty();
    }

    static String envKey(String name) {
        return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
