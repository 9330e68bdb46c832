package org.nn4j.backend.commons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Precision;

/** Commons Math has no float type: the backend computes in float64 only, and says why. */
class CommonsPrecisionTest {

    @Test
    void float32IsRefusedWithTheReason() {
        Backend commons = Backends.get("commons");
        assertEquals(Set.of(Precision.F64), commons.precisions());
        assertSame(commons, commons.inPrecision(Precision.F64));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> commons.inPrecision(Precision.F32));
        assertEquals("backend 'commons' does not compute in float32; it supports float64 only"
                + " (Commons Math has no float type)", e.getMessage());
    }
}
