package dev.nacre.fuel;

/** A module that {@link Fuel#instrument} cannot meter: malformed bytes or an unsupported construct. */
public final class FuelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FuelException(String message) {
        super(message);
    }

    FuelException(String message, Throwable cause) {
        super(message, cause);
    }
}
