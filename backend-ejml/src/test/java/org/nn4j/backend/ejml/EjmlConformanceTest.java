package org.nn4j.backend.ejml;

import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.tck.BackendConformanceKit;

/** The EJML backend runs the conformance kit, as any third-party backend would. */
class EjmlConformanceTest extends BackendConformanceKit {

    @Override
    protected Backend backend() {
        return Backends.get("ejml");
    }
}
