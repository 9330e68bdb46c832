package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.nn4j.tck.reference.Breakage;

/**
 * A kit that cannot fail is worthless: this runs it, through the JUnit Platform, against the
 * reference backend with each deliberate {@link Breakage}, and checks that exactly the tests
 * one would expect fail, and that the unbroken backend passes everything.
 */
class BrokenBackendsAreCaughtTest {

    private static final String FORWARD_ONE_STEP = "LayerAndLoss.oneTrainingStepOnTheHandComputedBatch";
    private static final String CONVERGENCE =
            "TutorialConvergence.linearRegressionConvergesToTheTruthWithinTheStepCap";
    private static final Set<String> REPLAY = Set.of(
            "NumpyReplay.weightsAndBiasMatchNumpyAtEveryRecordedStep",
            "NumpyReplay.printedLossMatchesNumpyAtEveryRecordedStep",
            "NumpyReplay.tutorialStoppingRuleStopsAtNumpysStep");

    /**
     * The tests that must fail for each breakage, and no others. Notes on what is absent:
     * a missing 1/N is invisible on a batch of one and still converges (at twice the learning
     * rate), so neither the edge cases nor the convergence test see it; a transposed weight
     * gradient of a one-row or one-column layer has the same row-major layout, so the wide
     * and tall layer test cannot see it either.
     */
    private static final Map<Breakage, Set<String>> EXPECTED = Map.of(
            Breakage.WRONG_TRANSPOSE_IN_WEIGHT_GRADIENT, with(REPLAY, CONVERGENCE, FORWARD_ONE_STEP,
                    "LayerAndLoss.denseBackwardWeightGradientIsInputTransposedTimesOutputGradient",
                    "LayerAndLoss.denseBackwardOverwritesTheGradientsOfTheLastStep",
                    "Gradients.denseWeightGradientMatchesFiniteDifferences",
                    "EdgeCases.batchOfOneForwardLossAndBackward",
                    "EdgeCases.shortLastBatchBetweenFullBatches"),
            Breakage.MISSING_ONE_OVER_N, with(REPLAY, FORWARD_ONE_STEP,
                    "LayerAndLoss.meanSquaredErrorGradientIsTheErrorDividedByTheBatchSize",
                    "Gradients.meanSquaredErrorGradientMatchesFiniteDifferences",
                    "Gradients.denseWeightGradientMatchesFiniteDifferences",
                    "Gradients.denseBiasGradientMatchesFiniteDifferences",
                    "Gradients.denseInputGradientMatchesFiniteDifferences"),
            Breakage.BIAS_GRADIENT_SUMMED_OVER_THE_WRONG_AXIS, with(REPLAY, CONVERGENCE,
                    FORWARD_ONE_STEP,
                    "LayerAndLoss.denseBackwardBiasGradientIsTheColumnSumOfTheOutputGradient",
                    "LayerAndLoss.denseBackwardOverwritesTheGradientsOfTheLastStep",
                    "Gradients.denseBiasGradientMatchesFiniteDifferences",
                    "EdgeCases.batchOfOneForwardLossAndBackward",
                    "EdgeCases.shortLastBatchBetweenFullBatches",
                    "EdgeCases.wideAndTallLayersMatchAPlainComputation"),
            Breakage.DROPPED_UPDATE, with(REPLAY, CONVERGENCE, FORWARD_ONE_STEP,
                    "LinearAlgebraOperations.axpyAddsAlphaTimesXToY",
                    "NonFiniteValues.elementWiseOperationsFollowIeee754",
                    "LayerAndLoss.denseLayerExposesWAndBAndTrainsTheGivenMatricesInPlace"),
            Breakage.MISSING_SHAPE_CHECK, Set.of(
                    "Errors.shapeMismatchesThrowTheSharedExceptionWithTheSharedWording"));

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new TreeSet<>(base);
        all.addAll(Set.of(more));
        return all;
    }

    static EngineExecutionResults run(Breakage breakage) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(BreakableReferenceKit.class))
                .configurationParameter(BreakableReferenceKit.BREAKAGE, breakage.name())
                .execute();
    }

    /** "Group.method" of a test, the same for every invocation of a parameterized one. */
    static String label(TestDescriptor descriptor) {
        MethodSource source = (MethodSource) descriptor.getSource().orElseThrow();
        String type = source.getClassName();
        return type.substring(type.lastIndexOf('$') + 1) + "." + source.getMethodName();
    }

    static Set<String> failedTests(EngineExecutionResults results) {
        return results.testEvents().failed().stream().map(e -> label(e.getTestDescriptor()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Breakage.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void eachBreakageFailsExactlyTheTestsThatShouldCatchIt(Breakage breakage) {
        EngineExecutionResults results = run(breakage);
        assertEquals(0, results.containerEvents().failed().count(), "failed containers");
        assertEquals(new TreeSet<>(EXPECTED.get(breakage)), failedTests(results),
                "the tests that fail for " + breakage);
    }

    @Test
    void unbrokenReferenceBackendPassesEverything() {
        EngineExecutionResults results = run(Breakage.NONE);
        assertEquals(Set.of(), failedTests(results), "failed tests");
        assertEquals(0, results.containerEvents().failed().count(), "failed containers");
        Set<String> skipped = results.testEvents().aborted().stream()
                .map(e -> label(e.getTestDescriptor())).collect(Collectors.toSet());
        assertEquals(Set.of("Discovery.providerIsDeclaredInTheModuleDescriptorOnTheModulePath"),
                skipped, "skipped tests (the class path has no module descriptor)");
        assertEquals(115, results.testEvents().succeeded().count(), "passed tests");
    }
}
