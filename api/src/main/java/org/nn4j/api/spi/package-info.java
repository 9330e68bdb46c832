/**
 * For backend writers: the {@link java.util.ServiceLoader} entry point
 * ({@link org.nn4j.api.spi.BackendProvider}, {@link org.nn4j.api.spi.Availability}) and base
 * classes that do every check and write every message once, so a backend writes only its
 * kernels ({@link org.nn4j.api.spi.AbstractLinearAlgebra},
 * {@link org.nn4j.api.spi.AbstractDenseLayer}, with {@link org.nn4j.api.spi.Checks},
 * {@link org.nn4j.api.spi.BatchSizeCache} and the Java reference kernels of activations and
 * optimizer steps). Users of nn4j do not need this package.
 */
package org.nn4j.api.spi;
