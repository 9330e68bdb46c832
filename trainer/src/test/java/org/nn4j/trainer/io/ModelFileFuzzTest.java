package org.nn4j.trainer.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Precision;
import org.nn4j.trainer.model.Sequential;

/**
 * Fuzzes the model loader: any bytes either load into a model that runs, or fail with a
 * {@link ModelFormatException}. Anything else (another exception, an error, running out of
 * memory) is a finding. Without {@code JAZZER_FUZZ} the inputs checked in under
 * {@code src/test/resources/org/nn4j/trainer/io/ModelFileFuzzTestInputs/load} replay as
 * regression tests; with {@code JAZZER_FUZZ=1} Jazzer mutates them for {@code maxDuration}.
 */
class ModelFileFuzzTest {

    /** Small enough that a fuzzed architecture builds in microseconds. */
    private static final long MAX_PARAMETERS = 1 << 16;

    private static Backend backend;

    @FuzzTest(maxDuration = "30s")
    void load(byte[] bytes) {
        SavedModel model;
        try {
            model = ModelFile.read(new ByteArrayInputStream(bytes), "fuzzed.npz", MAX_PARAMETERS);
        } catch (ModelFormatException e) {
            return;
        } catch (IOException e) {
            throw new AssertionError("an I/O error other than ModelFormatException from bytes in"
                    + " memory: " + e, e);
        }
        if (backend == null) {
            backend = Backends.get("ejml");
        }
        // A float32 file runs in float32 where the backend can, else widened exactly.
        Sequential sequential = (backend.precisions().contains(model.precision()) ? model
                : model.inPrecision(Precision.F64)).toSequential(backend);
        LinearAlgebra la = sequential.backend().linearAlgebra();
        int in = model.spec().inputSize();
        double[] output = sequential.forward(la.zeros(1, in)).toRowMajor();
        if (output.length != model.spec().outputSize()) {
            throw new AssertionError("a loaded model gives " + output.length + " outputs, its"
                    + " architecture says " + model.spec().outputSize());
        }
    }
}
