package org.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void printsLikeRowsByColumnsWithOpenDimensionsAsQuestionMarks() {
        assertEquals("2x3", Shape.of(2, 3).toString());
        assertEquals("?x3", new Shape(Shape.ANY, 3).toString());
    }

    @Test
    void openDimensionsMatchAnything() {
        assertTrue(new Shape(Shape.ANY, 3).matches(Shape.of(7, 3)));
        assertFalse(new Shape(Shape.ANY, 3).matches(Shape.of(7, 2)));
        assertTrue(Shape.of(0, 0).matches(Shape.of(0, 0)));
    }

    @Test
    void actualShapesCannotBeNegative() {
        assertEquals("a matrix cannot have a negative dimension, got -1x3",
                assertThrows(IllegalArgumentException.class, () -> Shape.of(-1, 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Shape(-2, 3));
    }

    @Test
    void mismatchCarriesItsFactsAndSaysThemInOneSentence() {
        ShapeMismatchException e = new ShapeMismatchException("gemm", "c", Shape.of(2, 3),
                Shape.of(2, 4));
        assertEquals("gemm: c is 2x4 but expected 2x3", e.getMessage());
        assertEquals("gemm", e.operation());
        assertEquals("c", e.operand());
        assertEquals(Shape.of(2, 3), e.expected());
        assertEquals(Shape.of(2, 4), e.actual());
    }
}
