package org.nn4j.backend.commons;

import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.tck.BackendConformanceKit;

/** The Commons Math backend runs the conformance kit, as any third-party backend would. */
class CommonsConformanceTest extends BackendConformanceKit {

    @Override
    protected Backend backend() {
        return Backends.get("commons");
    }
}
