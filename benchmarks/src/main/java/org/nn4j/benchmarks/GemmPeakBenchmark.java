package org.nn4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The machine's matrix-multiply peak as ND4J reaches it (OpenBLAS underneath): one square
 * {@code C = A·B} of {@link #size} in float64 ({@code DGEMM}) or float32 ({@code SGEMM}), with
 * one or two BLAS threads. GFLOP/s is {@code 2·size³} over the time ({@link MlpStepMain}
 * prints it): the figure the MLP step's GFLOP/s is compared with.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class GemmPeakBenchmark {

    /** {@code f64} (DGEMM) or {@code f32} (SGEMM). */
    @Param({"f64", "f32"})
    public String precision;

    /** The matrices' order. */
    @Param({"2048"})
    public int size;

    /** OpenBLAS's threads. */
    @Param({"1", "2"})
    public int threads;

    private INDArray a;
    private INDArray b;
    private INDArray c;

    /** Makes the matrices and sets the threads. */
    @Setup
    public void setUp() {
        DataType type = precision.equals("f32") ? DataType.FLOAT : DataType.DOUBLE;
        Nd4j.factory().blas().setMaxThreads(threads);
        a = Nd4j.rand(type, size, size);
        b = Nd4j.rand(type, size, size);
        c = Nd4j.create(type, new long[] {size, size}, 'c');
    }

    /**
     * One product.
     *
     * @return an element of the result
     */
    @Benchmark
    public INDArray gemm() {
        return Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }

    /**
     * Floating-point operations of one product.
     *
     * @param size the matrices' order
     * @return {@code 2·size³}
     */
    static double flops(int size) {
        return 2.0 * size * size * size;
    }
}
