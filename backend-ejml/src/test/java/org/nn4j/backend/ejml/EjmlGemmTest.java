package org.nn4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;

/**
 * The products where nn4j's kernels replace EJML's: {@link EjmlSmallProducts} for small ones,
 * {@link EjmlBlockedProducts} above {@link EjmlLinearAlgebra#BLOCKED_THRESHOLD} (on several
 * threads above {@link EjmlLinearAlgebra#CONCURRENT_THRESHOLD}). They must give EJML's
 * results to the last bit, so that every trajectory stays the same.
 */
class EjmlGemmTest {

    private final LinearAlgebra la = new EjmlBackendProvider().create().linearAlgebra();

    // 201·141·150 = 4,251,150 multiply-adds: above both thresholds; odd sizes leave
    // remainders after the kernels' blocks of two rows and four columns.
    private static final int M = 201;
    private static final int K = 150;
    private static final int N = 141;

    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void largeProductsMatchATripleLoop(boolean ta, boolean tb) {
        assertTrue((long) M * N * K >= EjmlLinearAlgebra.CONCURRENT_THRESHOLD,
                "the test must exercise the concurrent kernels");
        // Small integers: every sum is exact, whatever the order of the additions.
        SplittableRandom r = new SplittableRandom(5);
        DoubleSupplier draw = () -> r.nextInt(-5, 6);
        Matrix a = ta ? random(K, M, draw) : random(M, K, draw);
        Matrix b = tb ? random(N, K, draw) : random(K, N, draw);
        Matrix c = la.zeros(M, N);
        la.fill(Double.NaN, c); // beta == 0 ignores c, NaN included
        double[] expected = new double[M * N];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                double sum = 0;
                for (int k = 0; k < K; k++) {
                    sum += (ta ? a.get(k, i) : a.get(i, k)) * (tb ? b.get(j, k) : b.get(k, j));
                }
                expected[i * N + j] = 3 * sum;
            }
        }
        la.gemm(3, a, ta, b, tb, 0, c);
        assertArrayEquals(expected, c.toRowMajor(), 0.0);
    }

    @ParameterizedTest(name = "transA={0}, transB={1}, {2}x{3}x{4}, alpha={5}")
    @CsvSource({
        "false,false,201,150,141,1", "true,false,201,150,141,1", "false,true,201,150,141,1",
        "false,false,201,150,141,-0.7", "true,false,201,150,141,-0.7", "false,true,201,150,141,-0.7",
        // above the blocked threshold, below the concurrent one: one thread
        "false,false,13,17,19,1", "true,false,13,17,19,1", "false,true,13,17,19,1",
        // small products (EjmlSmallProducts): inner dimensions 1 to 3 written out, 5 looped
        "false,false,2,2,3,1", "true,false,2,2,3,1", "false,true,2,3,2,1",
        "false,false,500,2,3,1", "true,false,3,500,2,-0.7", "false,true,7,3,5,-0.7",
        "false,false,4,1,3,-0.7", "true,false,4,1,3,1", "false,true,4,1,3,1",
        "false,false,6,5,7,1", "true,false,6,5,7,-0.7", "false,true,6,5,7,1",
        // b over BLOCKED_MAX_ELEMENTS: EJML's concurrent kernels
        "false,false,15,600,500,1", "true,false,15,600,500,-0.7", "false,true,15,600,500,1"})
    void productsEqualEjmlsOwnKernelsBitForBit(boolean ta, boolean tb, int m, int k, int n,
                                                    double alpha) {
        // Random reals, so any change in the order of the additions shows in the last bits.
        SplittableRandom r = new SplittableRandom(9);
        DoubleSupplier draw = () -> r.nextDouble(-1, 1);
        Matrix a = ta ? random(k, m, draw) : random(m, k, draw);
        Matrix b = tb ? random(n, k, draw) : random(k, n, draw);
        Matrix c = la.zeros(m, n);
        la.gemm(alpha, a, ta, b, tb, 0, c);
        DMatrixRMaj ea = new DMatrixRMaj(a.rows(), a.cols(), true, a.toRowMajor());
        DMatrixRMaj eb = new DMatrixRMaj(b.rows(), b.cols(), true, b.toRowMajor());
        DMatrixRMaj ejml = new DMatrixRMaj(m, n);
        if (!ta && !tb) {
            CommonOps_DDRM.mult(alpha, ea, eb, ejml);
        } else if (ta) {
            CommonOps_DDRM.multTransA(alpha, ea, eb, ejml);
        } else {
            CommonOps_DDRM.multTransB(alpha, ea, eb, ejml);
        }
        assertArrayEquals(ejml.data, c.toRowMajor(), 0.0);
    }

    @ParameterizedTest(name = "{0}x{1} by {1}x{2}")
    @CsvSource({"2,2,3", "500,2,3", "7,1,4", "6,3,2", "5,5,14", "4,20,16"})
    void theFusedForwardPassEqualsTheProductPlusTheBiasBitForBit(int rows, int in, int out) {
        SplittableRandom r = new SplittableRandom(13);
        DoubleSupplier draw = () -> r.nextDouble(-3, 3);
        Matrix x = random(rows, in, draw);
        Matrix w = random(in, out, draw);
        Matrix b = random(1, out, draw);
        Matrix expected = la.zeros(rows, out);
        la.gemm(1, x, false, w, false, 0, expected);
        la.addRowVector(expected, b, expected);
        Matrix y = new EjmlBackendProvider().create().dense(la.copy(w), la.copy(b)).forward(x);
        assertArrayEquals(expected.toRowMajor(), y.toRowMajor(), 0.0);
    }

    private Matrix random(int rows, int cols, DoubleSupplier draw) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = draw.getAsDouble();
        }
        return la.fromRowMajor(rows, cols, d);
    }
}
