/**
 * The conformance kit for nn4j backends: extend {@link org.nn4j.tck.BackendConformanceKit}
 * in a test and return the backend under test. Depends on nn4j's api and JUnit Jupiter only.
 *
 * <p>Resources: {@code replay/tutorial_replay.py}, the numpy script that wrote the golden
 * file {@code replay/tutorial-replay.properties} beside it.
 */
package org.nn4j.tck;
