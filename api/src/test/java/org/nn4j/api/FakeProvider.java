package org.nn4j.api;

import java.util.concurrent.atomic.AtomicInteger;
import org.nn4j.api.spi.Availability;
import org.nn4j.api.spi.BackendProvider;

/** A provider for registry tests; its backend does nothing but carry its name. */
class FakeProvider implements BackendProvider {

    final String name;
    final int priority;
    final int apiVersion;
    final Availability availability;
    final RuntimeException failure;
    final AtomicInteger creations = new AtomicInteger();

    FakeProvider(String name, int priority) {
        this(name, priority, API_VERSION, Availability.ok(), null);
    }

    FakeProvider(String name, int priority, int apiVersion, Availability availability,
                 RuntimeException failure) {
        this.name = name;
        this.priority = priority;
        this.apiVersion = apiVersion;
        this.availability = availability;
        this.failure = failure;
    }

    static FakeProvider failing(String name, int priority, String why) {
        return new FakeProvider(name, priority, API_VERSION, Availability.ok(),
                new IllegalStateException(why));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public int apiVersion() {
        return apiVersion;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public Backend create() {
        creations.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return new Backend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public LinearAlgebra linearAlgebra() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Layer dense(Matrix weights, Matrix bias) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Loss meanSquaredError() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Layer activation(Activation activation, int size) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Loss softmaxCrossEntropy() {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** A provider discovered through ServiceLoader in {@code BackendRegistryTest}. */
    public static final class Discoverable extends FakeProvider {
        public Discoverable() {
            super("discoverable", 7);
        }
    }
}
