package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nn4j.api.Activation;

class HiddenActivationsTest {

    @Test
    void everyNameGivesItsFunctionInAnyCase() {
        assertEquals(Activation.Kind.RELU, HiddenActivations.named("relu").orElseThrow().kind());
        assertEquals(Activation.Kind.TANH, HiddenActivations.named("TaNh").orElseThrow().kind());
        assertEquals(Activation.Kind.SIGMOID,
                HiddenActivations.named("SIGMOID").orElseThrow().kind());
        Activation leaky = HiddenActivations.named("Leaky-ReLU").orElseThrow();
        assertEquals(Activation.Kind.LEAKY_RELU, leaky.kind());
        assertEquals(0.01, leaky.negativeSlope());
        assertEquals(4, HiddenActivations.NAMES.size());
        for (String name : HiddenActivations.NAMES) {
            assertTrue(HiddenActivations.named(name).isPresent(), name);
        }
    }

    @Test
    void otherNamesAreNone() {
        for (String name : new String[] {"identity", "", "relu6", "leaky_relu", "softmax"}) {
            assertTrue(HiddenActivations.named(name).isEmpty(), name);
        }
    }
}
