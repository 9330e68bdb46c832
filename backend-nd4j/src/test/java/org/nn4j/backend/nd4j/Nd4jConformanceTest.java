package org.nn4j.backend.nd4j;

import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.tck.BackendConformanceKit;

/** The ND4J backend runs the conformance kit, as any third-party backend would. */
class Nd4jConformanceTest extends BackendConformanceKit {

    @Override
    protected Backend backend() {
        return Backends.get("nd4j");
    }
}
