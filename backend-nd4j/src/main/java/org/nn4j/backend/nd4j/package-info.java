/**
 * The {@code nd4j} backend: nn4j's {@link org.nn4j.api.Backend} on ND4J's native arrays,
 * available only where ND4J's native libraries load (its provider says why not otherwise),
 * with Java kernels where a native call costs more than it saves. Use it through the api only.
 */
package org.nn4j.backend.nd4j;
