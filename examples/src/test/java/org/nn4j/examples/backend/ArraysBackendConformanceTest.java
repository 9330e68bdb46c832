package org.nn4j.examples.backend;

import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.tck.BackendConformanceKit;

class ArraysBackendConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend backend() {
        return Backends.get("arrays"); // your provider's name()
    }
}
