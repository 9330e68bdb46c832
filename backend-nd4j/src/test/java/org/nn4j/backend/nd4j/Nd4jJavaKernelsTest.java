package org.nn4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.factory.Nd4j;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.LinearAlgebra;

/** The Java kernels for small matrices agree with ND4J's native operations. */
class Nd4jJavaKernelsTest {

    private final LinearAlgebra la = BackendRegistry.builder()
            .register(new Nd4jBackendProvider()).build().select("nd4j").linearAlgebra();
    private final SplittableRandom random = new SplittableRandom(11);

    @ParameterizedTest(name = "transA={0}, transB={1}, beta={2}")
    @CsvSource({"false,false,0", "true,false,0", "false,true,0", "true,true,0",
        "false,false,0.5", "true,false,-2", "false,true,0.5", "true,true,-2"})
    void smallProductsAgreeWithNd4jsGemm(boolean ta, boolean tb, double beta) {
        int m = 7;
        int k = 9;
        int n = 5;
        Nd4jMatrix a = ta ? random(k, m) : random(m, k);
        Nd4jMatrix b = tb ? random(n, k) : random(k, n);
        Nd4jMatrix c = random(m, n);
        assertTrue(Nd4jJavaKernels.isSmallProduct(a, ta, c));
        Nd4jMatrix expected = (Nd4jMatrix) la.copy(c);
        Nd4j.gemm(a.array, b.array, expected.array, ta, tb, 1.5, beta);
        la.gemm(1.5, a, ta, b, tb, beta, c);
        assertClose(expected.toRowMajor(), c.toRowMajor());
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1,1", "3,4", "500,3"})
    void smallBroadcastsSumsAndSquaredErrorsAgreeWithNd4j(int rows, int cols) {
        Nd4jMatrix a = random(rows, cols);
        Nd4jMatrix row = random(1, cols);
        Nd4jMatrix t = random(rows, cols);

        Nd4jMatrix added = (Nd4jMatrix) la.zeros(rows, cols);
        la.addRowVector(a, row, added);
        assertClose(a.array.addRowVector(row.array).ravel().toDoubleVector(), added.toRowMajor());

        Nd4jMatrix sums = (Nd4jMatrix) la.zeros(1, cols);
        la.columnSums(a, sums);
        assertClose(a.array.sum(0).toDoubleVector(), sums.toRowMajor());

        Nd4jMatrix gradient = (Nd4jMatrix) la.zeros(rows, cols);
        double sum = Nd4jJavaKernels.squaredError(a, t, gradient, rows);
        org.nd4j.linalg.api.ndarray.INDArray d = a.array.sub(t.array);
        assertEquals(d.mul(d).sumNumber().doubleValue(), sum, 1e-12 * Math.max(1, sum));
        assertClose(d.div(rows).ravel().toDoubleVector(), gradient.toRowMajor());
    }

    private Nd4jMatrix random(int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextDouble(-2, 2);
        }
        return (Nd4jMatrix) la.fromRowMajor(rows, cols, d);
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])),
                    "element " + i);
        }
    }
}
