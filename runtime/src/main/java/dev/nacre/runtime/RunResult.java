package dev.nacre.runtime;

import dev.nacre.core.Outcome;
import java.util.Optional;

/** How a run ended, and the provider failure behind it if that is why. */
public record RunResult(String sessionId, Outcome outcome, Optional<ModelException> modelFailure) {

    /** The provider refused or could not be reached (as opposed to the run failing on its own). */
    public boolean providerRefused() {
        return modelFailure.map(ModelException::refused).orElse(false);
    }
}
