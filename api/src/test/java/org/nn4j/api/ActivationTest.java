package org.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scalar reference of {@link Activation}, against values computed with Python's math. */
class ActivationTest {

    @Test
    void kindsSlopesAndNames() {
        assertEquals(Activation.Kind.IDENTITY, Activation.identity().kind());
        assertEquals(Activation.Kind.RELU, Activation.relu().kind());
        assertEquals(Activation.Kind.LEAKY_RELU, Activation.leakyRelu(0.01).kind());
        assertEquals(Activation.Kind.SIGMOID, Activation.sigmoid().kind());
        assertEquals(Activation.Kind.TANH, Activation.tanh().kind());
        assertEquals(0.2, Activation.leakyRelu(0.2).negativeSlope());
        assertEquals(0.0, Activation.relu().negativeSlope());
        assertEquals("identity", Activation.identity().toString());
        assertEquals("relu", Activation.relu().toString());
        assertEquals("leaky-relu(0.01)", Activation.leakyRelu(0.01).toString());
        assertEquals("sigmoid", Activation.sigmoid().toString());
        assertEquals("tanh", Activation.tanh().toString());
    }

    @Test
    void equalityIsByKindAndSlope() {
        assertEquals(Activation.leakyRelu(0.01), Activation.leakyRelu(0.01));
        assertEquals(Activation.leakyRelu(0.01).hashCode(), Activation.leakyRelu(0.01).hashCode());
        assertEquals(Activation.leakyRelu(0.0), Activation.leakyRelu(-0.0));
        assertEquals(Activation.leakyRelu(0.0).hashCode(), Activation.leakyRelu(-0.0).hashCode());
        assertNotEquals(Activation.leakyRelu(0.01), Activation.leakyRelu(0.02));
        assertNotEquals(Activation.relu(), Activation.leakyRelu(0.0));
        assertNotEquals(Activation.sigmoid(), Activation.tanh());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY})
    void leakyReluRejectsASlopeOutsideZeroToOne(double slope) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activation.leakyRelu(slope));
        assertTrue(e.getMessage().contains(String.valueOf(slope)), e.getMessage());
    }

    @Test
    void valuesAndDerivatives() {
        assertEquals(0.0, Activation.relu().apply(-3));
        assertEquals(2.5, Activation.relu().apply(2.5));
        assertEquals(0.0, Activation.relu().derivative(0), "relu'(0) = 0 by convention");
        assertEquals(1.0, Activation.relu().derivative(1e-300));
        assertEquals(-0.03, Activation.leakyRelu(0.01).apply(-3), 1e-17);
        assertEquals(0.01, Activation.leakyRelu(0.01).derivative(0), "leakyRelu'(0) = slope");
        assertEquals(0.11920292202211755, Activation.sigmoid().apply(-2), 1e-16);
        assertEquals(0.1049935854035065, Activation.sigmoid().derivative(-2), 1e-16);
        assertEquals(0.9640275800758169, Activation.tanh().apply(2), 1e-16);
        assertEquals(0.07065082485316443, Activation.tanh().derivative(2), 1e-16);
        assertEquals(1.0, Activation.identity().derivative(Double.NaN));
    }

    @Test
    void extremesSaturateAndNanPropagates() {
        assertEquals(0.0, Activation.sigmoid().apply(-1000));
        assertEquals(1.0, Activation.sigmoid().apply(1000));
        assertEquals(0.0, Activation.sigmoid().derivative(-1000));
        assertEquals(0.0, Activation.relu().apply(Double.NEGATIVE_INFINITY));
        for (Activation a : new Activation[] {Activation.identity(), Activation.relu(),
                Activation.leakyRelu(0.1), Activation.sigmoid(), Activation.tanh()}) {
            assertTrue(Double.isNaN(a.apply(Double.NaN)), a + "(NaN)");
        }
        for (Activation a : new Activation[] {Activation.relu(), Activation.leakyRelu(0.1),
                Activation.sigmoid(), Activation.tanh()}) {
            assertTrue(Double.isNaN(a.derivative(Double.NaN)), a + "'(NaN)");
        }
    }
}
