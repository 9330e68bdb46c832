/**
 * A complete third-party backend, {@code arrays} (plain {@code double[]}, priority 1), as
 * docs/writing-a-backend.md builds it: written against {@code org.nn4j.api.spi} only, found
 * through {@link java.util.ServiceLoader}, and passing the whole TCK.
 */
package org.nn4j.examples.backend;
