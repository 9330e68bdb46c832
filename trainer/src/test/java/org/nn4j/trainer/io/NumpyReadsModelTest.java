package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.api.Backends;
import org.nn4j.trainer.model.Sequential;

/** numpy itself reads a saved model: names, shapes, dtype and every value bit for bit. */
class NumpyReadsModelTest {

    private static final String SCRIPT = String.join("\n",
            "import json, sys, numpy",
            "d = numpy.load(sys.argv[1], allow_pickle=False)",
            "print(sorted(d.files))",
            "meta = json.loads(bytes(d['model.json']).decode('utf-8'))",
            "print(meta['format'], meta['version'])",
            "for name in sorted(f for f in d.files if f != 'model.json'):",
            "    a = d[name]",
            "    print(name, a.dtype.str, a.shape, a.flags['C_CONTIGUOUS'],"
                    + " ' '.join(float(v).hex() for v in a.ravel()))");

    static String run(Path file) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", SCRIPT, file.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed: " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assumeTrue(!out.contains("No module named 'numpy'"), "numpy is not installed");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void numpyLoadsEveryArray(@TempDir Path dir) throws Exception {
        Sequential model = ModelFileTest.classifier(Backends.get("ejml"), 4);
        Path file = dir.resolve("model.npz");
        ModelFile.save(model, ModelFileTest.PROVENANCE, file);
        String out = run(file);

        List<String> expected = new ArrayList<>();
        expected.add("['dense0.bias', 'dense0.weights', 'dense1.bias', 'dense1.weights',"
                + " 'dense2.bias', 'dense2.weights', 'dense3.bias', 'dense3.weights',"
                + " 'dense4.bias', 'dense4.weights', 'model.json']");
        expected.add("nn4j-model 1");
        SavedModel saved = SavedModel.of(model, ModelFileTest.PROVENANCE);
        List<String> lines = new ArrayList<>();
        for (ModelSpec.ArrayShape shape : saved.spec().parameterShapes()) {
            StringBuilder sb = new StringBuilder(shape.name()).append(" <f8 ")
                    .append(shape.numpyShape()).append(" True");
            for (double v : saved.parameter(shape.name())) {
                sb.append(' ').append(pythonHex(v));
            }
            lines.add(sb.toString());
        }
        lines.sort(null);
        expected.addAll(lines);
        assertEquals(String.join("\n", expected), out.strip());
    }

    /** Python's float.hex: 0x1.8000000000000p+1 (13 hex digits), 0x0.0p+0, -0x1.0...p-3. */
    static String pythonHex(double v) {
        if (v == 0.0) {
            return (1 / v < 0 ? "-" : "") + "0x0.0p+0";
        }
        long bits = Double.doubleToRawLongBits(v);
        int exponent = (int) ((bits >>> 52) & 0x7ff);
        long mantissa = bits & 0xfffffffffffffL;
        String sign = v < 0 ? "-" : "";
        if (exponent == 0) {
            return sign + String.format("0x0.%013xp-1022", mantissa);
        }
        int e = exponent - 1023;
        return sign + String.format("0x1.%013xp%s%d", mantissa, e >= 0 ? "+" : "-", Math.abs(e));
    }
}
