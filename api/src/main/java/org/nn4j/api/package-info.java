/**
 * What a backend offers and what the trainer uses, with no implementation: {@link
 * org.nn4j.api.Matrix}, {@link org.nn4j.api.LinearAlgebra} (every operation, with the checks
 * and messages each must give), {@link org.nn4j.api.Layer}, {@link org.nn4j.api.Loss},
 * {@link org.nn4j.api.Activation}, {@link org.nn4j.api.Backend}, and how backends are found
 * ({@link org.nn4j.api.Backends}, {@link org.nn4j.api.BackendRegistry}) and fail
 * ({@link org.nn4j.api.ShapeMismatchException}, {@link org.nn4j.api.BackendException}).
 */
package org.nn4j.api;
