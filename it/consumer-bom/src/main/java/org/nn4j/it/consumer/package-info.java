/**
 * A consumer of the published artifacts, built apart from the reactor by {@code it/run.sh}:
 * it imports the BOM, names no nn4j version of its own, and trains the tutorial's linear
 * regression through the public API, as an application would.
 */
package org.nn4j.it.consumer;
