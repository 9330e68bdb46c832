package org.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PrecisionTest {

    @Test
    void unitRoundoffIsHalfTheGapAboveOne() {
        // The gap between 1 and the next representable number is 2u.
        assertEquals(Math.ulp(1.0f) / 2, Precision.F32.unitRoundoff());
        assertEquals(Math.ulp(1.0) / 2, Precision.F64.unitRoundoff());
        assertEquals(4, Precision.F32.bytes());
        assertEquals(8, Precision.F64.bytes());
    }

    @Test
    void roundingToFloat32LosesWhatAFloatCannotHold() {
        double third = 1.0 / 3.0;
        assertEquals(0.3333333432674408, Precision.F32.round(third));
        assertEquals(third, Precision.F64.round(third));
        // 1 + 2^-24 is a tie between 1 and 1 + 2^-23: it rounds to even, 1.
        assertEquals(1.0, Precision.F32.round(1.0 + 0x1p-24));
        assertNotEquals(1.0, Precision.F32.round(1.0 + 0x1p-23));
    }

    @Test
    void parsesShortAndLongNamesInAnyCase() {
        assertEquals(Precision.F32, Precision.parse("f32"));
        assertEquals(Precision.F32, Precision.parse(" Float32 "));
        assertEquals(Precision.F64, Precision.parse("F64"));
        assertEquals(Precision.F64, Precision.parse("float64"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Precision.parse("f16"));
        assertEquals("unknown precision 'f16'; use f32 (float32) or f64 (float64)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Precision.parse(null));
    }

    @Test
    void labelsListPrecisionsInOrder() {
        assertEquals("float64 only", Precision.labels(EnumSet.of(Precision.F64)));
        assertEquals("float32 and float64",
                Precision.labels(EnumSet.of(Precision.F64, Precision.F32)));
        assertEquals("float32", Precision.F32.toString());
    }

    @Test
    void aBackendThatSaysNothingIsFloat64Only() {
        Backend backend = backendWithDefaults("plain");
        assertEquals(Precision.F64, backend.precision());
        assertEquals(EnumSet.of(Precision.F64), backend.precisions());
        assertTrue(backend.inPrecision(Precision.F64) == backend);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> backend.inPrecision(Precision.F32));
        assertEquals("backend 'plain' does not compute in float32; it supports float64 only",
                e.getMessage());
    }

    /** A backend and linear algebra that implement nothing but their names: every default
     * method runs as written in the interfaces. */
    private static Backend backendWithDefaults(String name) {
        InvocationHandler defaults = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("name") || method.getName().equals("backendName")) {
                return name;
            }
            if (method.getName().equals("linearAlgebra")) {
                return Proxy.newProxyInstance(LinearAlgebra.class.getClassLoader(),
                        new Class<?>[] {LinearAlgebra.class}, (p, m, a) -> {
                            if (m.isDefault()) {
                                return InvocationHandler.invokeDefault(p, m, a);
                            }
                            throw new UnsupportedOperationException(m.getName());
                        });
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(),
                new Class<?>[] {Backend.class}, defaults);
    }
}
