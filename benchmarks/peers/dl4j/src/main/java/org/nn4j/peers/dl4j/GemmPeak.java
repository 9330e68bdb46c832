package org.nn4j.peers.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GEMM speed of ND4J's bundled OpenBLAS 0.3.19 (the library nn4j's nd4j backend and DL4J
 * use), in float32 and float64: either {@code cblas_sgemm}/{@code cblas_dgemm} called directly
 * on native memory (as nn4j's nd4j backend calls it), or {@code Nd4j.gemm} (as DL4J's layers
 * reach it).
 *
 * <p>Arguments: {@code --via cblas|nd4j --dtype f32,f64 --seconds S} and the products, each
 * {@code LABEL=m,k,n,TA,TB} with TA and TB {@code N} or {@code T} (benchmarks/peers/run.sh
 * passes the MLP's from peers_common.py). Each product is called once untimed, then repeated
 * for at least S seconds and 3 times; the best call gives GFLOP/s. Prints one JSON line per
 * precision: {@code implementation}, {@code precision}, {@code blas}, {@code products}.
 */
public final class GemmPeak {
    private GemmPeak() {
    }

    private record Product(String label, int m, int k, int n, boolean ta, boolean tb) {
    }

    public static void main(String[] args) {
        String via = "cblas";
        String dtypes = "f32,f64";
        double seconds = 1.0;
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--via" -> via = value(args, ++i);
                case "--dtype" -> dtypes = value(args, ++i);
                case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
                default -> products.add(parse(args[i]));
            }
        }
        if (!via.equals("cblas") && !via.equals("nd4j")) {
            usage("--via " + via + ": expected cblas or nd4j");
        }
        Nd4j.create(1); // loads ND4J's natives and its OpenBLAS, whichever path is measured
        for (String dtype : dtypes.split(",")) {
            if (!dtype.equals("f32") && !dtype.equals("f64")) {
                usage("--dtype " + dtype + ": expected f32, f64 or both");
            }
            StringBuilder rows = new StringBuilder();
            for (Product p : products) {
                double best = via.equals("cblas") ? cblas(p, dtype.equals("f32"), seconds) : nd4j(p, dtype.equals("f32"), seconds);
                rows.append(rows.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "{\"product\": \"%s\", \"m\": %d, \"k\": %d, \"n\": %d, \"trans_a\": %b, \"trans_b\": %b,"
                                + " \"seconds\": %.9g, \"gflops\": %.4f}",
                        p.label(), p.m(), p.k(), p.n(), p.ta(), p.tb(), best, 2.0 * p.m() * p.k() * p.n() / best / 1e9));
            }
            String name = via.equals("cblas") ? "ND4J's OpenBLAS, cblas_" + (dtype.equals("f32") ? "s" : "d") + "gemm"
                    : "ND4J 1.0.0-M2.1 Nd4j.gemm";
            System.out.printf(Locale.ROOT, "{\"implementation\": \"%s, %s\", \"precision\": \"%s\", \"blas\": \"%s\","
                    + " \"omp_threads\": %d, \"products\": [%s]}%n", name, dtype, dtype, describeOpenBlas(),
                    Nd4j.getEnvironment().maxMasterThreads(), rows);
        }
    }

    private static <T> T usage(String problem) {
        return Usage.fail("GemmPeak", problem, "--via cblas|nd4j --dtype f32,f64 --seconds S LABEL=m,k,n,N|T,N|T ...");
    }

    private static String value(String[] args, int i) {
        return i < args.length ? args[i] : usage(args[i - 1] + " needs a value");
    }

    private static Product parse(String spec) {
        int eq = spec.indexOf('=');
        String[] f = spec.substring(eq + 1).split(",");
        if (eq < 0 || f.length != 5 || !f[3].matches("[NT]") || !f[4].matches("[NT]")) {
            return usage("product " + spec + ": expected LABEL=m,k,n,N|T,N|T");
        }
        return new Product(spec.substring(0, eq), Integer.parseInt(f[0]), Integer.parseInt(f[1]),
                Integer.parseInt(f[2]), f[3].equals("T"), f[4].equals("T"));
    }

    /**
     * The OpenBLAS ND4J loaded: its version (the bundled one, from the openblas artifact), the
     * kernels asked for with OPENBLAS_CORETYPE (JavaCPP's bindings do not expose
     * openblas_get_corename; unset, OpenBLAS 0.3.19 picks generic kernels on this AMD CPU) and
     * ND4J's BLAS thread count.
     */
    static String describeOpenBlas() {
        String version = Pointer.class.getPackage().getImplementationVersion();
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        int threads = Nd4j.factory().blas().getMaxThreads();
        return "ND4J's OpenBLAS " + openblasVersion() + " (OPENBLAS_CORETYPE="
                + (coretype == null ? "unset" : coretype) + ", " + threads + (threads == 1 ? " thread" : " threads")
                + "; JavaCPP " + version + ")";
    }

    private static String openblasVersion() {
        String v = openblas_nolapack.class.getPackage().getImplementationVersion();
        return v == null ? "0.3.19 (as pinned in the pom)" : v.replaceFirst("-1\\.5\\..*$", "");
    }

    private static double cblas(Product p, boolean single, double seconds) {
        long aSize = (long) p.m() * p.k();
        long bSize = (long) p.k() * p.n();
        long cSize = (long) p.m() * p.n();
        int lda = p.ta() ? p.m() : p.k();
        int ldb = p.tb() ? p.k() : p.n();
        int ta = p.ta() ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = p.tb() ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int order = openblas_nolapack.CblasRowMajor;
        if (single) {
            try (FloatPointer a = fill(new FloatPointer(aSize)); FloatPointer b = fill(new FloatPointer(bSize));
                 FloatPointer c = new FloatPointer(cSize)) {
                return best(seconds, () -> openblas_nolapack.cblas_sgemm(order, ta, tb, p.m(), p.n(), p.k(),
                        1f, a, lda, b, ldb, 0f, c, p.n()));
            }
        }
        try (DoublePointer a = fill(new DoublePointer(aSize)); DoublePointer b = fill(new DoublePointer(bSize));
             DoublePointer c = new DoublePointer(cSize)) {
            return best(seconds, () -> openblas_nolapack.cblas_dgemm(order, ta, tb, p.m(), p.n(), p.k(),
                    1.0, a, lda, b, ldb, 0.0, c, p.n()));
        }
    }

    private static double nd4j(Product p, boolean single, double seconds) {
        DataType type = single ? DataType.FLOAT : DataType.DOUBLE;
        INDArray a = Nd4j.rand(type, p.ta() ? p.k() : p.m(), p.ta() ? p.m() : p.k());
        INDArray b = Nd4j.rand(type, p.tb() ? p.n() : p.k(), p.tb() ? p.k() : p.n());
        INDArray c = Nd4j.create(type, p.m(), p.n());
        return best(seconds, () -> Nd4j.gemm(a, b, c, p.ta(), p.tb(), 1.0, 0.0));
    }

    private static <P extends Pointer> P fill(P pointer) {
        Random random = new Random(0);
        if (pointer instanceof FloatPointer f) {
            for (long i = 0; i < f.capacity(); i++) {
                f.put(i, (float) random.nextGaussian());
            }
        } else if (pointer instanceof DoublePointer d) {
            for (long i = 0; i < d.capacity(); i++) {
                d.put(i, random.nextGaussian());
            }
        }
        return pointer;
    }

    private static double best(double seconds, Runnable call) {
        call.run();
        double best = Double.MAX_VALUE;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        for (int calls = 0; calls < 3 || System.nanoTime() < deadline; calls++) {
            long started = System.nanoTime();
            call.run();
            best = Math.min(best, (System.nanoTime() - started) / 1e9);
        }
        return best;
    }
}
