package org.nn4j.cli;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.tck.BackendConformanceKit;

/**
 * The conformance kit pointed at a backend chosen at run time: {@code nn4j tck} launches this
 * class with the JUnit configuration parameter {@value #BACKEND_PARAMETER} set to a backend's
 * name, and the backend is looked up through {@link Backends}.
 */
@ExtendWith(CommandLineConformanceKit.SelectedBackend.class)
final class CommandLineConformanceKit extends BackendConformanceKit {

    /** The JUnit configuration parameter naming the backend under test. */
    static final String BACKEND_PARAMETER = "nn4j.tck.backend";

    private final Backend backend;

    CommandLineConformanceKit(Backend backend) {
        this.backend = backend;
    }

    @Override
    protected Backend backend() {
        return backend;
    }

    /** Resolves the constructor's backend from {@value #BACKEND_PARAMETER}. */
    static final class SelectedBackend implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Backend.class
                    && parameter.getDeclaringExecutable().getDeclaringClass()
                    == CommandLineConformanceKit.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            String name = context.getConfigurationParameter(BACKEND_PARAMETER)
                    .orElseThrow(() -> new ParameterResolutionException("the JUnit configuration"
                            + " parameter " + BACKEND_PARAMETER + " must name the backend"));
            return Backends.get(name);
        }
    }
}
