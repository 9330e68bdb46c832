package org.nn4j.tck;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;
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
 * <p>The checks come in groups, one {@link Nested} class each, so a report reads by group:
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
 * listed.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
public abstract class BackendConformanceKit {

    /** For subclasses. */
    protected BackendConformanceKit() {
    }

    /**
     * Returns the backend under test. Called before every test (JUnit makes a new instance
     * of the kit per test), so return a shared instance if creating one is costly;
     * {@code Backends.get(name)} does.
     *
     * @return the backend, not null
     */
    protected abstract Backend backend();

    /** Discovery through {@code ServiceLoader}. */
    @Nested
    @Order(1)
    class Discovery extends DiscoveryChecks {
        Discovery() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** {@code LinearAlgebra} against known answers. */
    @Nested
    @Order(2)
    class LinearAlgebraOperations extends LinearAlgebraChecks {
        LinearAlgebraOperations() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** The dense layer and the mean squared error against known answers. */
    @Nested
    @Order(3)
    class LayerAndLoss extends LayerAndLossChecks {
        LayerAndLoss() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** Gradients against central finite differences. */
    @Nested
    @Order(4)
    class Gradients extends GradientChecks {
        Gradients() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** Batch of one, short last batch, 1×1, wide, tall and empty shapes. */
    @Nested
    @Order(5)
    class EdgeCases extends EdgeCaseChecks {
        EdgeCases() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** Bad input rejected clearly and alike. */
    @Nested
    @Order(6)
    class Errors extends ErrorChecks {
        Errors() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** NaN and infinities. */
    @Nested
    @Order(7)
    class NonFiniteValues extends NonFiniteChecks {
        NonFiniteValues() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** The tutorial's linear regression converges. */
    @Nested
    @Order(8)
    class TutorialConvergence extends TutorialConvergenceChecks {
        TutorialConvergence() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** The tutorial's numpy run, replayed. */
    @Nested
    @Order(9)
    class NumpyReplay extends NumpyReplayChecks {
        NumpyReplay() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** The element-wise operations of optimizers, and {@code argmaxRows}. */
    @Nested
    @Order(10)
    class ElementWiseOperations extends ElementWiseChecks {
        ElementWiseOperations() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** The activation layers. */
    @Nested
    @Order(11)
    class Activations extends ActivationChecks {
        Activations() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** The softmax cross-entropy loss. */
    @Nested
    @Order(12)
    class SoftmaxCrossEntropy extends SoftmaxCrossEntropyChecks {
        SoftmaxCrossEntropy() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** The fused optimizer steps: SGD with momentum, AdaGrad, RMSProp and Adam. */
    @Nested
    @Order(13)
    class OptimizerSteps extends OptimizerStepChecks {
        OptimizerSteps() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** Every operation computes in double: float accumulation fails. */
    @Nested
    @Order(14)
    class Precision extends PrecisionChecks {
        Precision() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** Every operand of every operation: shapes, other backends, nulls and aliasing. */
    @Nested
    @Order(15)
    class Operands extends OperandChecks {
        Operands() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** {@code LinearAlgebra} and {@code Loss} from many threads at once. */
    @Nested
    @Order(16)
    class Concurrency extends ConcurrencyChecks {
        Concurrency() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** Every operation at sizes across chunk and block boundaries. */
    @Nested
    @Order(17)
    class Sizes extends SizeChecks {
        Sizes() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** Soft targets, unchecked targets, aliased inputs and zero sizes, as documented. */
    @Nested
    @Order(18)
    class DocumentedContracts extends ContractChecks {
        DocumentedContracts() {
            super(BackendConformanceKit.this::backend);
        }
    }

    /** A direct check of every public method of the api. */
    @Nested
    @Order(19)
    class EveryPublicMethod extends EveryPublicMethodChecks {
        EveryPublicMethod() {
            super(BackendConformanceKit.this::backend);
        }
    }
}
