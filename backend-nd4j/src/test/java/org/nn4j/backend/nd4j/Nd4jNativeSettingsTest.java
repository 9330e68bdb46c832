package org.nn4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nn4j.api.BackendRegistry;

/** Creating the backend really applies its ND4J settings. */
class Nd4jNativeSettingsTest {

    @Test
    void oneThreadByDefault() {
        assumeTrue(System.getenv("OMP_NUM_THREADS") == null
                && System.getProperty(Nd4jNatives.THREADS_PROPERTY) == null,
                "threads configured outside the test");
        BackendRegistry.builder().register(new Nd4jBackendProvider()).build().select("nd4j");
        assertEquals(Nd4jNatives.DEFAULT_THREADS,
                NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        assertEquals(Nd4jNatives.DEFAULT_THREADS, Nd4j.factory().blas().getMaxThreads());
    }

    @Test
    void workspaceScopeChecksAreOff() {
        BackendRegistry.builder().register(new Nd4jBackendProvider()).build().select("nd4j");
        assertEquals(OpExecutioner.ProfilingMode.DISABLED,
                Nd4j.getExecutioner().getProfilingMode());
    }
}
