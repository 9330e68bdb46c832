/**
 * nn4j's optimizers, data sets, models and training loops, on whichever backend
 * {@link org.nn4j.api.Backends} provides.
 */
module org.nn4j.trainer {
    requires transitive org.nn4j.api;
    // EpochClock's per-thread CPU time (ThreadMXBean).
    requires java.management;
    // CsvTable's parser.
    requires org.apache.commons.csv;

    exports org.nn4j.trainer;
    exports org.nn4j.trainer.data;
    exports org.nn4j.trainer.io;
    exports org.nn4j.trainer.metrics;
    exports org.nn4j.trainer.model;
    exports org.nn4j.trainer.optim;
    exports org.nn4j.trainer.regression;
}
