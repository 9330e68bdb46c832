/**
 * Metrics of a trained model, as immutable results built from arrays of true and predicted
 * values. For classifiers, {@link org.nn4j.trainer.metrics.ClassificationMetrics}: the
 * {@link org.nn4j.trainer.metrics.ConfusionMatrix} (rows are true classes), per-class
 * precision, recall, F1 and support ({@link org.nn4j.trainer.metrics.ClassMetrics}), their
 * macro and weighted averages ({@link org.nn4j.trainer.metrics.AveragedMetrics}), accuracy and,
 * from scores, top-k accuracy. For regression, {@link org.nn4j.trainer.metrics.RegressionMetrics}:
 * MAE, RMSE and R². {@link org.nn4j.trainer.metrics.ModelMetrics} computes either from a
 * {@link org.nn4j.trainer.model.Sequential} and a {@link org.nn4j.trainer.data.DataSet}.
 *
 * <p><b>Definitions.</b> Those of scikit-learn 1.2 ({@code precision_recall_fscore_support},
 * {@code confusion_matrix}, {@code accuracy_score}, {@code top_k_accuracy_score},
 * {@code mean_absolute_error}, {@code mean_squared_error(squared=False)}, {@code r2_score},
 * with its defaults), including its answers where a ratio is 0/0: a precision with no predicted
 * examples, a recall with no true examples and an F1 whose precision and recall are both 0 are
 * 0 (scikit-learn's default {@code zero_division="warn"} warns and uses 0; here
 * {@link org.nn4j.trainer.metrics.ClassificationMetrics#undefinedPrecision()} and
 * {@link org.nn4j.trainer.metrics.ClassificationMetrics#undefinedRecall()} name those classes);
 * R² of a constant target is 1 when predicted exactly, else 0. Every class in
 * {@code 0 .. classes-1} counts in the averages, as scikit-learn's {@code labels=range(classes)}.
 * The single difference: top-k accuracy breaks ties between equal scores towards the lower class
 * index, as {@link org.nn4j.trainer.model.Sequential#predict} does (so top-1 accuracy is the
 * accuracy); scikit-learn breaks them towards the higher index.
 * Empty inputs, lengths that do not agree, labels out of range and NaN are refused with an
 * {@link java.lang.IllegalArgumentException} naming the argument and the example.
 *
 * <p><b>Thread safety.</b> Every result is immutable: share it freely.
 */
package org.nn4j.trainer.metrics;
