/**
 * The {@code commons} backend: nn4j's {@link org.nn4j.api.Backend} on Apache Commons Math
 * ({@code Array2DRowRealMatrix}), pure Java. Found through its
 * {@link org.nn4j.backend.commons.CommonsBackendProvider}; use it through the api only.
 */
package org.nn4j.backend.commons;
