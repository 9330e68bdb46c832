package org.nn4j.benchmarks;

import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training step written by hand against ND4J, as a careful ND4J user writes it:
 * preallocated arrays, {@code Nd4j.gemm} with transpose flags (no transposed views),
 * in-place element-wise operations, BLAS {@code axpy} for the update.
 *
 * <p>The OpenMP and BLAS threads are ND4J's defaults (one per core), as a user gets them.
 */
final class Nd4jDirectStep {

    private final Workload workload;
    private final INDArray w;
    private final INDArray b;
    private final INDArray x;
    private final INDArray t;
    private final INDArray y;
    private final INDArray dw;
    private final INDArray db;
    private final INDArray dz;
    private final DoubleBuffer xElements;
    private final DoubleBuffer tElements;

    Nd4jDirectStep(Workload workload) {
        this.workload = workload;
        int in = workload.inputs();
        int out = workload.outputs();
        int n = workload.batch();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        w = Nd4j.create(workload.weights(), new long[] {in, out}, DataType.DOUBLE);
        b = Nd4j.zeros(DataType.DOUBLE, 1, out);
        x = Nd4j.zeros(DataType.DOUBLE, n, in);
        t = Nd4j.zeros(DataType.DOUBLE, n, out);
        y = Nd4j.zeros(DataType.DOUBLE, n, out);
        dw = Nd4j.zeros(DataType.DOUBLE, in, out);
        db = Nd4j.zeros(DataType.DOUBLE, 1, out);
        dz = Nd4j.zeros(DataType.DOUBLE, n, in);
        xElements = x.data().asNioDouble();
        tElements = t.data().asNioDouble();
        load(0);
    }

    void load(int start) {
        xElements.put(0, workload.features(), start * workload.inputs(), (int) x.length());
        tElements.put(0, workload.targets(), start * workload.outputs(), (int) t.length());
    }

    double step() {
        int n = workload.batch();
        Nd4j.gemm(x, w, y, false, false, 1.0, 0.0);
        y.addiRowVector(b);
        y.subi(t); // y now holds y − t
        double norm = y.norm2Number().doubleValue();
        y.divi(n); // and now the gradient (y − t)/N
        Nd4j.gemm(x, y, dw, true, false, 1.0, 0.0);
        y.sum(db, true, 0);
        Nd4j.gemm(y, w, dz, false, true, 1.0, 0.0);
        double lr = workload.learningRate();
        Nd4j.getBlasWrapper().level1().axpy(w.length(), -lr, dw, w);
        Nd4j.getBlasWrapper().level1().axpy(b.length(), -lr, db, b);
        return 0.5 * norm * norm / n;
    }
}
