package org.nn4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The float32 products of the Fashion-MNIST MLP's step (batch 128) on the EJML backend's own
 * kernels (through nn4j's {@code gemm}) against EJML's {@code CommonOps_FDRM} and
 * {@code CommonOps_MT_FDRM}, which the backend cannot use (split packages with
 * {@code ejml-ddense}): {@code forward} is {@code x·W1} (128×784 by 784×256),
 * {@code weightsGradient} is {@code xᵀ·dy} (784×128 by 128×256), {@code inputGradient} is
 * {@code dy·W2ᵀ} (128×128 by 128×256).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class FloatProductBenchmark {

    /** Which product. */
    @Param({"forward", "weightsGradient", "inputGradient"})
    public String product;

    private boolean transA;
    private boolean transB;
    private LinearAlgebra la;
    private Matrix a;
    private Matrix b;
    private Matrix c;
    private FMatrixRMaj fa;
    private FMatrixRMaj fb;
    private FMatrixRMaj fc;

    @Setup
    public void setUp() {
        la = Backends.get("ejml").inPrecision(Precision.F32).linearAlgebra();
        int[] shape = switch (product) { // rows and columns of a, b, c
            case "forward" -> new int[] {128, 784, 784, 256, 128, 256};
            case "weightsGradient" -> new int[] {128, 784, 128, 256, 784, 256};
            default -> new int[] {128, 128, 256, 128, 128, 256};
        };
        transA = product.equals("weightsGradient");
        transB = product.equals("inputGradient");
        SplittableRandom random = new SplittableRandom(1);
        a = la.fromRowMajor(shape[0], shape[1], random.doubles(shape[0] * shape[1], -1, 1).toArray());
        b = la.fromRowMajor(shape[2], shape[3], random.doubles(shape[2] * shape[3], -1, 1).toArray());
        c = la.zeros(shape[4], shape[5]);
        fa = floats(a);
        fb = floats(b);
        fc = new FMatrixRMaj(shape[4], shape[5]);
    }

    private static FMatrixRMaj floats(Matrix m) {
        double[] d = m.toRowMajor();
        FMatrixRMaj f = new FMatrixRMaj(m.rows(), m.cols());
        for (int i = 0; i < d.length; i++) {
            f.data[i] = (float) d[i];
        }
        return f;
    }

    /** The EJML backend's float32 gemm. */
    @Benchmark
    public Matrix nn4j() {
        la.gemm(1.0, a, transA, b, transB, 0.0, c);
        return c;
    }

    /** EJML's CommonOps_FDRM, one thread. */
    @Benchmark
    public FMatrixRMaj commonOps() {
        if (transA) {
            CommonOps_FDRM.multTransA(fa, fb, fc);
        } else if (transB) {
            CommonOps_FDRM.multTransB(fa, fb, fc);
        } else {
            CommonOps_FDRM.mult(fa, fb, fc);
        }
        return fc;
    }

    /** EJML's CommonOps_MT_FDRM, its worker threads. */
    @Benchmark
    public FMatrixRMaj commonOpsConcurrent() {
        if (transA) {
            CommonOps_MT_FDRM.multTransA(fa, fb, fc);
        } else if (transB) {
            CommonOps_MT_FDRM.multTransB(fa, fb, fc);
        } else {
            CommonOps_MT_FDRM.mult(fa, fb, fc);
        }
        return fc;
    }
}
