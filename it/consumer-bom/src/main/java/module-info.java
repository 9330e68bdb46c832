/**
 * The outside consumer as a module: it/run.sh runs it on the class path and, with nn4j's
 * jars on the module path, as a module (the backend found through {@code provides}).
 */
module org.nn4j.it.consumer {
    requires org.nn4j.trainer;
}
