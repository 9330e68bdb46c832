package org.nn4j.tck;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.nn4j.api.Backend;
import org.nn4j.api.Precision;

/**
 * The conformance kit for nn4j backends. A backend proves itself by extending this class in
 * its tests and returning itself from {@link #backend()}:
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendConformanceKit {
 *     @Override
 *     protected Backend backend() {
 *         return Backends.get("my-backend");
 *     }
 * }
 * }</pre>
 *
 * <p>The checks come in groups, one interface of default test methods each, so a report reads
 * by group (the group of a test is the interface that declares its method, and each test's
 * display name starts with it):
 * <ul>
 *   <li>{@link Discovery}: the backend is found through {@link java.util.ServiceLoader} by
 *       its name, its provider listed in {@code META-INF/services} (and, on the module path,
 *       declared in {@code module-info}; skipped elsewhere);</li>
 *   <li>{@link LinearAlgebraOperations}: every {@code LinearAlgebra} operation against
 *       answers computed by hand, {@code gemm} in all four transpose combinations;</li>
 *   <li>{@link LayerAndLoss}: the dense layer's forward and backward and the mean squared
 *       error against answers computed by hand;</li>
 *   <li>{@link Gradients}: the same gradients against central finite differences;</li>
 *   <li>{@link EdgeCases}: a batch of one, the short last batch, 1×1, wide and tall shapes,
 *       zero-size matrices;</li>
 *   <li>{@link Errors}: shape mismatches with the shared exception and wording, matrices of
 *       another backend, aliasing, nulls and bad indices;</li>
 *   <li>{@link NonFiniteValues}: NaN and infinities propagate as IEEE 754 says;</li>
 *   <li>{@link TutorialConvergence}: the numpy tutorial's linear regression converges to the
 *       truth, on numbers that are the same for every backend;</li>
 *   <li>{@link NumpyReplay}: the tutorial's own numpy run, replayed step for step;</li>
 *   <li>{@link ElementWiseOperations}: {@code divideElements}, {@code sqrt},
 *       {@code addScalar} and {@code argmaxRows} against known answers;</li>
 *   <li>{@link Activations}: every activation layer's forward and backward against known
 *       answers and finite differences, at the extremes, and with bad input;</li>
 *   <li>{@link SoftmaxCrossEntropy}: the loss's value and gradient against known answers
 *       and finite differences, its stability on logits of ±1000, and bad input;</li>
 *   <li>{@link OptimizerSteps}: the fused steps of SGD with momentum, AdaGrad, RMSProp and
 *       Adam, several in a row, against their formulas, and bad input;</li>
 *   <li>{@link AdamWAndClipping}: AdamW's decoupled weight decay and clipping by global
 *       norm against PyTorch's {@code AdamW} and {@code clip_grad_norm_} (known answers with
 *       their generator), AdamW without decay as Adam bit for bit, a norm within the limit
 *       leaving the gradients bit for bit, NaN and infinite norms, and bad input;</li>
 *   <li>{@link Accumulation}: reductions and element-wise operations on data that a
 *       narrower format cannot hold, within tolerances derived from the unit round-off of
 *       the precision under test ({@code Tolerances});</li>
 *   <li>{@link Precisions}: every matrix a backend makes holds values of its precision after
 *       every operation, a matrix of another precision is refused naming both, and
 *       {@code inPrecision} and {@code convert} round-trip and round;</li>
 *   <li>{@link Operands}: every operand of every operation of a wrong shape, of another
 *       backend, null, or the same matrix as another;</li>
 *   <li>{@link Concurrency}: {@code LinearAlgebra} and the losses from many threads at once,
 *       bit for bit the results of one thread;</li>
 *   <li>{@link Sizes}: every operation at 4,095, 4,096, 4,097 and 65,537 elements and at
 *       odd, tall and wide shapes, against the kit's own answers;</li>
 *   <li>{@link DocumentedContracts}: soft targets, unchecked targets, aliased inputs and
 *       zero-size cases the javadoc allows;</li>
 *   <li>{@link Images}: im2col, col2im, max and average pooling and their gradients
 *       against numpy's answers (strides, padding, kernel sizes, ties, NaN), and their edge
 *       cases;</li>
 *   <li>{@link EveryPublicMethod}: one direct check for every public method of the api's
 *       interfaces, the list read by reflection;</li>
 *   <li>{@link ImageLayerGradients}: the convolution's, pooling's, dropout's and batch
 *       normalisation's input and parameter gradients against central finite differences,
 *       at strides, paddings, kernel sizes, channels and batch sizes at their edges;</li>
 *   <li>{@link ImageLayerKnownAnswers}: the same layers' forward and backward passes, batch
 *       normalisation's running statistics and inference, against numpy's answers (the
 *       generator beside them);</li>
 *   <li>{@link ImageLayerModes}: training against inference (dropout's fraction, scaling and
 *       identity; batch normalisation's statistics), state, changing batch sizes, and bad
 *       arguments refused naming the problem.</li>
 * </ul>
 *
 * <p>The kit depends on nn4j's api and JUnit Jupiter only. Run it with the JUnit Platform,
 * as any test (Maven Surefire, Gradle), or with {@code nn4j tck}. The groups run in the order
 * listed. They are interfaces the kit implements rather than {@code @Nested} classes so that
 * a build tool sees every check as a test of the subclass: Maven Surefire counts the tests of
 * nested classes for no class, and its report of a subclass said {@code tests="0"}.
 *
 * <p><b>Every precision.</b> The kit is a {@link ClassTemplate}: it runs once for each
 * {@link Precision}, the backend's own precision first, and each run is a container named
 * after the precision ({@code float64}, {@code float32}). In a run, {@link #backendUnderTest()}
 * is {@code backend().inPrecision(p)}, so every group checks the backend computing in
 * {@code p}. A precision the backend does not declare in {@link Backend#precisions()} is not
 * applicable: its run is skipped with the backend's own refusal as the reason (for example
 * {@code backend 'commons' does not compute in float32; it supports float64 only}), so a
 * report shows it rather than leaving it out.
 */
@ClassTemplate
@ExtendWith(BackendConformanceKit.EachPrecision.class)
@TestMethodOrder(BackendConformanceKit.GroupOrder.class)
@DisplayNameGeneration(BackendConformanceKit.GroupNames.class)
public abstract class BackendConformanceKit implements Discovery, LinearAlgebraOperations,
        LayerAndLoss, Gradients, EdgeCases, Errors, NonFiniteValues, TutorialConvergence,
        NumpyReplay, ElementWiseOperations, Activations, SoftmaxCrossEntropy, OptimizerSteps,
        AdamWAndClipping, Accumulation, Precisions, Operands, Concurrency, Sizes,
        DocumentedContracts, Images, EveryPublicMethod, ImageLayerGradients,
        ImageLayerKnownAnswers, ImageLayerModes {

    /** The groups, in the order they run. */
    static final List<Class<?>> GROUPS = List.of(BackendConformanceKit.class.getInterfaces());

    private Precision precision = Precision.F64;
    private Backend backend;

    /** For subclasses. */
    protected BackendConformanceKit() {
    }

    /**
     * Returns the backend under test. Called once per test (JUnit makes a new instance of
     * the kit per test), so return a shared instance if creating one is costly;
     * {@code Backends.get(name)} does.
     *
     * @return the backend, not null
     */
    protected abstract Backend backend();

    /**
     * The backend under test, as the checks see it: {@link #backend()}, asked once per test,
     * in the precision of the run ({@link Backend#inPrecision(Precision)}).
     *
     * @return the backend in the precision under test
     * @throws NullPointerException if {@link #backend()} returned null
     */
    @Override
    public final Backend backendUnderTest() {
        if (backend == null) {
            backend = Objects.requireNonNull(backend(), "BackendConformanceKit.backend() returned null")
                    .inPrecision(precision);
        }
        return backend;
    }

    /**
     * The precision of this run of the kit.
     *
     * @return the precision under test
     */
    @Override
    public final Precision precisionUnderTest() {
        return precision;
    }

    /** The group of a check: the simple name of the interface that declares it. */
    static String group(Method method) {
        return method.getDeclaringClass().getSimpleName();
    }

    /** Runs the groups in the order of {@link #GROUPS}, each group's checks by name. */
    static final class GroupOrder implements MethodOrderer {
        @Override
        public void orderMethods(MethodOrdererContext context) {
            context.getMethodDescriptors().sort(Comparator
                    .comparingInt((MethodDescriptor d) -> rank(d.getMethod().getDeclaringClass()))
                    .thenComparing(d -> d.getMethod().getName()));
        }

        private static int rank(Class<?> group) {
            int i = GROUPS.indexOf(group);
            return i < 0 ? GROUPS.size() : i;
        }
    }

    /** Names each check {@code Group › method}, so a report reads by group. */
    static final class GroupNames extends DisplayNameGenerator.Standard {
        @Override
        public String generateDisplayNameForMethod(Class<?> testClass, Method testMethod) {
            return group(testMethod) + " › " + super.generateDisplayNameForMethod(testClass,
                    testMethod);
        }
    }

    /**
     * Runs the kit once per {@link Precision}: the backend's own first, then the others in
     * declaration order; a precision the backend does not declare is a run skipped with the
     * backend's reason. The backend is asked for by creating one instance of the kit's
     * subclass, as JUnit would; if that fails, only float64 runs, and its tests say why.
     */
    static final class EachPrecision implements ClassTemplateInvocationContextProvider {

        @Override
        public boolean supportsClassTemplate(ExtensionContext context) {
            return BackendConformanceKit.class.isAssignableFrom(context.getRequiredTestClass());
        }

        @Override
        public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(
                ExtensionContext context) {
            Backend declared;
            try {
                declared = instance(context).backend();
            } catch (RuntimeException e) {
                declared = null;
            }
            if (declared == null) {
                return Stream.of(new Run(Precision.F64, null));
            }
            Backend backend = declared;
            Set<Precision> supported = backend.precisions();
            return Stream.of(Precision.values())
                    .sorted(Comparator.comparing((Precision p) -> p != backend.precision()))
                    .map(p -> new Run(p, supported.contains(p) ? null : notApplicable(backend, p)));
        }

        private static String notApplicable(Backend backend, Precision precision) {
            try {
                backend.inPrecision(precision);
                return "not applicable: backend '" + backend.name() + "' does not declare "
                        + precision.label() + " in precisions() " + backend.precisions();
            } catch (UnsupportedOperationException e) {
                return "not applicable: " + e.getMessage();
            }
        }

        private static BackendConformanceKit instance(ExtensionContext context) {
            Constructor<?>[] constructors = context.getRequiredTestClass().getDeclaredConstructors();
            if (constructors.length != 1) {
                throw new IllegalStateException("the kit's subclass needs exactly one constructor");
            }
            return (BackendConformanceKit) context.getExecutableInvoker().invoke(constructors[0]);
        }
    }

    /** One run of the kit: its precision, or why that precision does not apply. */
    private record Run(Precision precision, String notApplicable)
            implements ClassTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return precision.label();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            TestInstancePostProcessor setPrecision = (instance, context) ->
                    ((BackendConformanceKit) instance).precision = precision;
            ExecutionCondition applicable = context -> notApplicable == null
                    ? ConditionEvaluationResult.enabled(precision.label() + " is declared")
                    : ConditionEvaluationResult.disabled(notApplicable);
            BeforeEachCallback tolerances = context -> Tolerances.set(precision);
            AfterEachCallback reset = context -> Tolerances.clear();
            return List.of(setPrecision, applicable, tolerances, reset);
        }
    }
}
