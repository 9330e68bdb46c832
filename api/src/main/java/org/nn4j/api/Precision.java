package org.nn4j.api;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The floating-point format a matrix stores and computes in.
 *
 * <p>Precision is part of a matrix, not a global switch: a backend declares the precisions it
 * supports ({@link Backend#precisions()}), {@link Backend#inPrecision(Precision)} gives the
 * backend computing in one of them, and every matrix it makes reports its
 * {@link Matrix#precision()}. An operation given matrices of two precisions refuses them
 * with an {@link IllegalArgumentException} that names both; convert explicitly with
 * {@link LinearAlgebra#convert(Matrix)}.
 *
 * <p>Data still crosses the boundary as {@code double[]}: a {@link #F32} matrix rounds each
 * element to the nearest {@code float} when it is filled ({@link #round(double)} says how) and
 * widens it exactly when it is read.
 */
public enum Precision {

    /** IEEE 754 binary32 ({@code float}): 24 significant bits, unit round-off 2<sup>-24</sup>. */
    F32("float32", Float.BYTES, 0x1p-24),

    /** IEEE 754 binary64 ({@code double}): 53 significant bits, unit round-off 2<sup>-53</sup>. */
    F64("float64", Double.BYTES, 0x1p-53);

    private final String label;
    private final int bytes;
    private final double unitRoundoff;

    Precision(String label, int bytes, double unitRoundoff) {
        this.label = label;
        this.bytes = bytes;
        this.unitRoundoff = unitRoundoff;
    }

    /**
     * Returns the name used in messages and files, {@code "float32"} or {@code "float64"}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Returns the bytes one element occupies: 4 or 8.
     *
     * @return the element size in bytes
     */
    public int bytes() {
        return bytes;
    }

    /**
     * Returns the unit round-off {@code u}: the largest relative error of rounding one real
     * number to this format, 2<sup>-24</sup> for {@code float32} and 2<sup>-53</sup> for
     * {@code float64}. Error bounds of computed results are written as multiples of it (a
     * dot product of length {@code n} is within about {@code n·u} of the exact one, relative
     * to the sum of the absolute products).
     *
     * @return the unit round-off
     */
    public double unitRoundoff() {
        return unitRoundoff;
    }

    /**
     * Rounds a value to this precision, as storing it in a matrix of this precision does:
     * {@code (double) (float) value} for {@code float32}, the value itself for
     * {@code float64}.
     *
     * @param value the value
     * @return the nearest value representable in this precision (ties to even)
     */
    public double round(double value) {
        return this == F32 ? (double) (float) value : value;
    }

    /**
     * Parses a precision: {@code f32} or {@code float32}, {@code f64} or {@code float64}, in
     * any case.
     *
     * @param text the text
     * @return the precision
     * @throws IllegalArgumentException naming the text and the accepted values
     */
    public static Precision parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "f32", "float32" -> {
                    return F32;
                }
                case "f64", "float64" -> {
                    return F64;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("unknown precision '" + text
                + "'; use f32 (float32) or f64 (float64)");
    }

    /**
     * Lists precisions for a message, in declaration order: {@code "float32 and float64"}, or
     * {@code "float64 only"} for one.
     *
     * @param precisions the precisions
     * @return the list, in words
     */
    public static String labels(Collection<Precision> precisions) {
        String joined = precisions.stream().sorted().map(Precision::label)
                .collect(Collectors.joining(" and "));
        return precisions.size() == 1 ? joined + " only" : joined;
    }

    /**
     * Returns {@link #label()}.
     *
     * @return {@code "float32"} or {@code "float64"}
     */
    @Override
    public String toString() {
        return label;
    }
}
