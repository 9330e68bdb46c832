package org.nn4j.tck;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;
import org.junit.jupiter.api.TestMethodOrder;
import org.nn4j.api.Backend;

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
 *   <li>{@link Precision}: reductions and element-wise operations on data that float
 *       cannot hold, within tolerances derived from double rounding ({@code Oracle});</li>
 *   <li>{@link Operands}: every operand of every operation of a wrong shape, of another
 *       backend, null, or the same matrix as another;</li>
 *   <li>{@link Concurrency}: {@code LinearAlgebra} and the losses from many threads at once,
 *       bit for bit the results of one thread;</li>
 *   <li>{@link Sizes}: every operation at 4,095, 4,096, 4,097 and 65,537 elements and at
 *       odd, tall and wide shapes, against the kit's own answers;</li>
 *   <li>{@link DocumentedContracts}: soft targets, unchecked targets, aliased inputs and
 *       zero-size cases the javadoc allows;</li>
 *   <li>{@link EveryPublicMethod}: one direct check for every public method of the api's
 *       interfaces, the list read by reflection.</li>
 * </ul>
 *
 * <p>The kit depends on nn4j's api and JUnit Jupiter only. Run it with the JUnit Platform,
 * as any test (Maven Surefire, Gradle), or with {@code nn4j tck}. The groups run in the order
 * listed. They are interfaces the kit implements rather than {@code @Nested} classes so that
 * a build tool sees every check as a test of the subclass: Maven Surefire counts the tests of
 * nested classes for no class, and its report of a subclass said {@code tests="0"}.
 */
@TestMethodOrder(BackendConformanceKit.GroupOrder.class)
@DisplayNameGeneration(BackendConformanceKit.GroupNames.class)
public abstract class BackendConformanceKit implements Discovery, LinearAlgebraOperations,
        LayerAndLoss, Gradients, EdgeCases, Errors, NonFiniteValues, TutorialConvergence,
        NumpyReplay, ElementWiseOperations, Activations, SoftmaxCrossEntropy, OptimizerSteps,
        AdamWAndClipping, Precision, Operands, Concurrency, Sizes, DocumentedContracts, EveryPublicMethod {

    /** The groups, in the order they run. */
    static final List<Class<?>> GROUPS = List.of(BackendConformanceKit.class.getInterfaces());

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
     * The backend under test, as the checks see it: {@link #backend()}, asked once per test.
     *
     * @return the backend
     * @throws NullPointerException if {@link #backend()} returned null
     */
    @Override
    public final Backend backendUnderTest() {
        if (backend == null) {
            backend = Objects.requireNonNull(backend(), "BackendConformanceKit.backend() returned null");
        }
        return backend;
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
}
