/**
 * The {@code ejml} backend, nn4j's default: its {@link org.nn4j.api.Backend} on EJML's dense
 * row-major matrices ({@code DMatrixRMaj}), pure Java, with blocked and small-matrix products
 * of its own. Found through its {@link org.nn4j.backend.ejml.EjmlBackendProvider}; use it
 * through the api only.
 */
package org.nn4j.backend.ejml;
