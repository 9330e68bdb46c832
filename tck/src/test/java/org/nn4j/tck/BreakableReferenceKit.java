package org.nn4j.tck;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.nn4j.api.Backend;
import org.nn4j.tck.reference.Breakage;
import org.nn4j.tck.reference.ReferenceBackend;

/**
 * The kit against the reference backend carrying the {@link Breakage} named by the JUnit
 * configuration parameter {@value #BREAKAGE}. Run only through the launcher by
 * {@link BrokenBackendsAreCaughtTest}; its name keeps Surefire from running it directly.
 */
@ExtendWith(BreakableReferenceKit.BreakageResolver.class)
class BreakableReferenceKit extends BackendConformanceKit {

    static final String BREAKAGE = "nn4j.tck.test.breakage";

    private final Backend backend;

    BreakableReferenceKit(Breakage breakage) {
        this.backend = new ReferenceBackend(breakage);
    }

    @Override
    protected Backend backend() {
        return backend;
    }

    /** Resolves the constructor's {@link Breakage} from the configuration parameter. */
    static final class BreakageResolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Breakage.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getConfigurationParameter(BREAKAGE).map(Breakage::valueOf)
                    .orElseThrow(() -> new IllegalStateException("set " + BREAKAGE));
        }
    }
}
