package org.nn4j.api.spi;

import java.util.Objects;

/**
 * Whether a backend can work on this machine and, when not, why.
 *
 * @param available whether it can
 * @param reason    why not; empty when available
 */
public record Availability(boolean available, String reason) {

    private static final Availability AVAILABLE = new Availability(true, "");

    /**
     * Checks the components.
     *
     * @param available whether the backend can work here
     * @param reason    why not; empty when available
     * @throws IllegalArgumentException if an unavailable backend gives no reason
     */
    public Availability {
        Objects.requireNonNull(reason, "reason");
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable backend must say why");
        }
    }

    /**
     * Returns the availability of a backend that can work here.
     *
     * @return the availability of a working backend
     */
    public static Availability ok() {
        return AVAILABLE;
    }

    /**
     * Returns the availability of a backend that cannot work.
     *
     * @param reason why, in words a user can act on
     * @return the availability
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
