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
    /** The sweep of each activation against Activation.apply and derivative. */
    private static final String SCALAR_DEFINITION =
            "Activations.forwardAndBackwardMatchTheScalarDefinitionAcrossTheRange";
    /** A wrong softmax cross-entropy gradient, whatever the mistake. */
    private static final Set<String> SOFTMAX_CE_GRADIENT = Set.of(
            "SoftmaxCrossEntropy.gradientIsSoftmaxMinusTargetOverTheBatchSize",
            "SoftmaxCrossEntropy.gradientMatchesFiniteDifferences",
            "SoftmaxCrossEntropy.logitsOfPlusMinusAThousandGiveFiniteValuesAndTheRightLimits",
            "SoftmaxCrossEntropy.softmaxRowsSumToOneAndGradientRowsToZero");
    /** Dense, activation, dense and MSE: every dense-layer or MSE breakage shows there too. */
    private static final String NETWORK_GRADIENTS =
            "Activations.aNetworkThroughTheActivationHasGradientsThatMatchFiniteDifferences";

    /**
     * The tests that must fail for each breakage, and no others. Notes on what is absent:
     * a missing 1/N is invisible on a batch of one and still converges (at twice the learning
     * rate), so neither the edge cases nor the convergence test see it; a transposed weight
     * gradient of a one-row or one-column layer has the same row-major layout, so the wide
     * and tall layer test cannot see it either. ReLU's derivative at 0 is invisible to finite
     * differences (they keep clear of the kink), so only the known answers catch a wrong
     * convention there. Only the ±1000 logits show a softmax without log-sum-exp: logits of
     * ±500 do not overflow.
     */
    private static final Map<Breakage, Set<String>> EXPECTED = Map.ofEntries(Map.entry(
            Breakage.WRONG_TRANSPOSE_IN_WEIGHT_GRADIENT, with(REPLAY, CONVERGENCE, FORWARD_ONE_STEP,
                    NETWORK_GRADIENTS,
                    "LayerAndLoss.denseBackwardWeightGradientIsInputTransposedTimesOutputGradient",
                    "LayerAndLoss.denseBackwardWithoutTheInputGradientGivesTheSameParameterGradients",
                    "LayerAndLoss.denseBackwardOverwritesTheGradientsOfTheLastStep",
                    "Gradients.denseWeightGradientMatchesFiniteDifferences",
                    "EdgeCases.batchOfOneForwardLossAndBackward",
                    "EdgeCases.shortLastBatchBetweenFullBatches")), Map.entry(
            Breakage.MISSING_ONE_OVER_N, with(REPLAY, FORWARD_ONE_STEP, NETWORK_GRADIENTS,
                    "LayerAndLoss.meanSquaredErrorGradientIsTheErrorDividedByTheBatchSize",
                    "Gradients.meanSquaredErrorGradientMatchesFiniteDifferences",
                    "Gradients.denseWeightGradientMatchesFiniteDifferences",
                    "Gradients.denseBiasGradientMatchesFiniteDifferences",
                    "Gradients.denseInputGradientMatchesFiniteDifferences")), Map.entry(
            Breakage.BIAS_GRADIENT_SUMMED_OVER_THE_WRONG_AXIS, with(REPLAY, CONVERGENCE,
                    FORWARD_ONE_STEP,
                    "LayerAndLoss.denseBackwardBiasGradientIsTheColumnSumOfTheOutputGradient",
                    "LayerAndLoss.denseBackwardWithoutTheInputGradientGivesTheSameParameterGradients",
                    "LayerAndLoss.denseBackwardOverwritesTheGradientsOfTheLastStep",
                    "Gradients.denseBiasGradientMatchesFiniteDifferences",
                    "EdgeCases.batchOfOneForwardLossAndBackward",
                    "EdgeCases.shortLastBatchBetweenFullBatches",
                    "EdgeCases.wideAndTallLayersMatchAPlainComputation")), Map.entry(
            Breakage.DROPPED_UPDATE, with(REPLAY, CONVERGENCE, FORWARD_ONE_STEP,
                    "LinearAlgebraOperations.axpyAddsAlphaTimesXToY",
                    "NonFiniteValues.elementWiseOperationsFollowIeee754",
                    "LayerAndLoss.denseLayerExposesWAndBAndTrainsTheGivenMatricesInPlace")),
            Map.entry(Breakage.MISSING_SHAPE_CHECK, Set.of(
                    "Errors.shapeMismatchesThrowTheSharedExceptionWithTheSharedWording")),
            Map.entry(Breakage.RELU_GRADIENT_NOT_MASKED, Set.of(NETWORK_GRADIENTS, SCALAR_DEFINITION,
                    "Activations.backwardMultipliesTheOutputGradientByTheDerivative",
                    "Activations.reluPassesTheGradientWherePositiveAndBlocksItElsewhereZeroIncluded",
                    "Activations.backwardMatchesFiniteDifferences",
                    "Activations.aChangingBatchSizeGivesTheRightShapesAndValues",
                    "Activations.infinitiesGiveTheLimitsAndNanPropagates")),
            Map.entry(Breakage.RELU_DERIVATIVE_ONE_AT_ZERO, Set.of(SCALAR_DEFINITION,
                    "Activations.backwardMultipliesTheOutputGradientByTheDerivative",
                    "Activations.reluPassesTheGradientWherePositiveAndBlocksItElsewhereZeroIncluded",
                    "Activations.aChangingBatchSizeGivesTheRightShapesAndValues")),
            Map.entry(Breakage.SOFTMAX_CE_WITHOUT_LOG_SUM_EXP, Set.of(
                    "SoftmaxCrossEntropy.logitsOfPlusMinusAThousandGiveFiniteValuesAndTheRightLimits")),
            Map.entry(Breakage.SOFTMAX_CE_MISSING_ONE_OVER_N, SOFTMAX_CE_GRADIENT),
            Map.entry(Breakage.SOFTMAX_CE_GRADIENT_WITH_THE_WRONG_SIGN, SOFTMAX_CE_GRADIENT),
            Map.entry(Breakage.MOMENTUM_VELOCITY_NOT_KEPT, Set.of(
                    "OptimizerSteps.momentumStepsFollowTheFormula",
                    "OptimizerSteps.momentumStepWithoutMomentumOverwritesTheVelocity")),
            Map.entry(Breakage.ADAM_WITHOUT_BIAS_CORRECTION, Set.of(
                    "OptimizerSteps.adamStepsFollowTheFormulaWithBiasCorrection",
                    "OptimizerSteps.adamsFirstStepMovesEachWeightByTheLearningRate")));

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
        assertEquals(189, results.testEvents().succeeded().count(), "passed tests");
    }
}
