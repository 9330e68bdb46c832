package org.nn4j.trainer.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.Precision;

/**
 * The backends a float32 test runs on: every available backend that declares float32 (none
 * before the float32 backends land), and always the test-only {@link Float32TestBackend}, so
 * the plumbing is tested whatever is on the class path.
 */
public final class Float32Backends {

    private Float32Backends() {
    }

    /**
     * Returns every float32-capable backend, in float64 (call {@code inPrecision(F32)}).
     *
     * @return the backends
     */
    public static List<Backend> all() {
        List<Backend> all = new ArrayList<>();
        for (BackendStatus status : Backends.registry().statuses(true)) {
            // The test backend is added below, registered or not.
            if (status.available() && !status.name().equals(Float32TestBackend.NAME)) {
                Backend b = Backends.get(status.name());
                if (b.precisions().contains(Precision.F32)) {
                    all.add(b);
                }
            }
        }
        all.add(Float32TestBackend.create());
        return all;
    }

    /**
     * Returns the names of {@link #all()}, for parameterized tests.
     *
     * @return the names
     */
    public static Stream<String> names() {
        return all().stream().map(Backend::name);
    }

    /**
     * Returns a backend of {@link #all()} by name, in float64.
     *
     * @param name the name
     * @return the backend
     */
    public static Backend get(String name) {
        return name.equals(Float32TestBackend.NAME) ? Float32TestBackend.create()
                : Backends.get(name);
    }

    /**
     * Returns a float64-only available backend (commons), to test refusals.
     *
     * @return the backend
     */
    public static Backend float64Only() {
        Backend commons = Backends.get("commons");
        if (commons.precisions().contains(Precision.F32)) {
            throw new IllegalStateException("commons computes in float32 now: pick another"
                    + " float64-only backend for this test");
        }
        return commons;
    }
}
