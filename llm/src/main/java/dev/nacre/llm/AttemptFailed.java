package dev.nacre.llm;

import dev.nacre.runtime.ModelException;
import java.time.Duration;
import java.util.Optional;

/** One attempt failed: the error to report, whether another attempt may help, and how long the server asked us to wait. */
final class AttemptFailed extends Exception {
    final ModelException error;
    final boolean retryable;
    final Optional<Duration> retryAfter;

    AttemptFailed(ModelException error, boolean retryable, Optional<Duration> retryAfter) {
        super(error.getMessage(), error, false, false);
        this.error = error;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    static AttemptFailed fatal(ModelException error) {
        return new AttemptFailed(error, false, Optional.empty());
    }

    static AttemptFailed transientError(ModelException error) {
        return new AttemptFailed(error, true, Optional.empty());
    }
}
