package org.nn4j.api;

import java.util.Locale;
import java.util.Objects;

/**
 * A backend chosen for a workload by {@link BackendRegistry#selectFor(String, long)}, with the
 * rule that chose it and why, in words a user can read ("named by system property
 * nn4j.backend", "30,048,256 multiply-adds per batch, at least 1,000,000: ...").
 *
 * @param backend the backend
 * @param basis   which rule chose it
 * @param reason  why, in one sentence without a final full stop
 */
public record BackendChoice(Backend backend, Basis basis, String reason) {

    /** Which selection rule chose a backend. */
    public enum Basis {
        /** Named: by the caller, system property {@value BackendRegistry#PROPERTY} or
         *  environment variable {@value BackendRegistry#ENVIRONMENT_VARIABLE}. */
        NAMED,
        /** The work reached {@link BackendRegistry#LARGE_WORK}, and a backend suited to large
         *  work was available. */
        LARGE_WORK,
        /** The available backend of highest priority, the default. */
        PRIORITY;

        /**
         * Returns the name used in JSON output: {@code named}, {@code large-work} or
         * {@code priority}.
         *
         * @return the label
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Checks the components.
     *
     * @param backend the backend
     * @param basis   which rule chose it
     * @param reason  why
     * @throws NullPointerException if one is null
     */
    public BackendChoice {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(reason, "reason");
    }
}
