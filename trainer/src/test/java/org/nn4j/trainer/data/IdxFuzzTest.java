package org.nn4j.trainer.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes the IDX reader, raw and gzip: any bytes either read into an array whose size is
 * the product of its dimensions, or fail with an {@link IdxFormatException}. Without
 * {@code JAZZER_FUZZ} the inputs under
 * {@code src/test/resources/org/nn4j/trainer/data/IdxFuzzTestInputs/read} replay as
 * regression tests.
 */
class IdxFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void read(byte[] bytes) {
        IdxArray array;
        try {
            array = Idx.read(new ByteArrayInputStream(bytes), "fuzzed.idx");
        } catch (IdxFormatException e) {
            return;
        } catch (IOException e) {
            throw new AssertionError("an I/O error other than IdxFormatException from bytes in"
                    + " memory: " + e, e);
        }
        long product = 1;
        for (int d : array.dimensions()) {
            product *= d;
        }
        if (product != array.size()) {
            throw new AssertionError(array + " holds " + array.size() + " elements");
        }
        if (array.size() > 0 && (array.unsigned(array.size() - 1) < 0
                || array.unsigned(0) > 255)) {
            throw new AssertionError("element out of range");
        }
    }
}
