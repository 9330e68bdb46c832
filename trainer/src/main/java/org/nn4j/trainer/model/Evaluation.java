package org.nn4j.trainer.model;

/**
 * A model's loss and accuracy on a data set.
 *
 * @param examples how many examples were evaluated
 * @param loss     the mean loss per example
 * @param accuracy the fraction of examples whose largest output is the true class, 0 to 1
 */
public record Evaluation(int examples, double loss, double accuracy) {
}
