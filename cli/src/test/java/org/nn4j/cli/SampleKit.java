package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stand-in for the conformance kit with known outcomes, run only through the launcher by
 * {@link TckCommandTest}; its name keeps Surefire from running it directly.
 */
class SampleKit {

    @Nested
    class Good {
        @Test
        void passes() {
            assertEquals(2, 1 + 1);
        }

        @Test
        void isSkippedByAnAssumption() {
            assumeTrue(false, "not here");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        void passesTwice(int n) {
            assertEquals(n, Math.abs(n));
        }
    }

    @Nested
    class Bad {
        @Test
        void fails() {
            assertEquals(1, 2, "one is not two");
        }

        @Test
        @Disabled("switched off")
        void isDisabled() {
        }
    }
}
