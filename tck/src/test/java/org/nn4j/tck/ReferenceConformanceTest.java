package org.nn4j.tck;

import org.nn4j.api.Backend;
import org.nn4j.tck.reference.Breakage;
import org.nn4j.tck.reference.ReferenceBackend;

/** The kit against the unbroken reference backend, as a backend author would run it. */
class ReferenceConformanceTest extends BackendConformanceKit {

    private static final Backend BACKEND = new ReferenceBackend(Breakage.NONE);

    @Override
    protected Backend backend() {
        return BACKEND;
    }
}
