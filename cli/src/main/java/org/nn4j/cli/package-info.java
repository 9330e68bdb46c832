/**
 * The {@code nn4j} command line (picocli): one class per command ({@code backends},
 * {@code linear-regression}, {@code fashion-mnist}, {@code evaluate}, {@code tck}) under
 * {@link org.nn4j.cli.Nn4jCommand}, which maps failures to the documented exit statuses, and
 * the helpers they print with (JSON, progress bar, curve plot, Spark context). It parses
 * options and prints; what it trains and saves is the trainer's.
 */
package org.nn4j.cli;
