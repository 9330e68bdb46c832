"""Writes sklearn-cases.txt: scikit-learn's answers for random cases (run from trainer/).

    /usr/bin/python3 src/test/resources/org/nn4j/trainer/metrics/make_sklearn_cases.py

Needs scikit-learn (Debian: apt-get install python3-sklearn; written with 1.2.1, numpy
1.24.2). SklearnCasesTest reads the file and compares ClassificationMetrics and
RegressionMetrics with it. Each case is a block of lines "name value value ...", ended by
"end"; floats are written with repr, so Java's Double.parseDouble reads the same doubles.
Classification cases give random Gaussian scores (no ties), the labels predicted are their
argmax; some cases leave a class out of the true labels (support 0) or out of the
predictions (precision 0/0). Regression cases include a constant target column, predicted
exactly and not, and a single example (R² is NaN).
"""
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (accuracy_score, confusion_matrix, mean_absolute_error,
                             mean_squared_error, precision_recall_fscore_support, r2_score,
                             top_k_accuracy_score)

OUT = 'src/test/resources/org/nn4j/trainer/metrics/sklearn-cases.txt'
rng = np.random.default_rng(20261201)
lines = ['# scikit-learn %s, numpy %s: written by make_sklearn_cases.py; do not edit'
         % (sklearn.__version__, np.__version__)]


def put(name, values):
    lines.append(name + ' ' + ' '.join(repr(v) for v in np.asarray(values).ravel().tolist()))


def classification(name, n, classes, true_classes=None, never_predicted=None):
    true_classes = classes if true_classes is None else true_classes
    y_true = rng.integers(0, true_classes, n)
    scores = rng.standard_normal((n, classes))
    if never_predicted is not None:
        scores[:, never_predicted] -= 100.0  # never the largest
    y_pred = scores.argmax(axis=1)
    labels = np.arange(classes)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', UndefinedMetricWarning)
        p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels,
                                                     zero_division='warn')
        macro = precision_recall_fscore_support(y_true, y_pred, labels=labels, average='macro')
        weighted = precision_recall_fscore_support(y_true, y_pred, labels=labels,
                                                   average='weighted')
        topk = [top_k_accuracy_score(y_true, scores, k=k, labels=labels)
                for k in range(1, classes + 1)]
    lines.append('classification ' + name)
    put('classes', [classes])
    put('true', y_true)
    put('scores', scores)
    put('predicted', y_pred)
    put('confusion', confusion_matrix(y_true, y_pred, labels=labels))
    put('precision', p)
    put('recall', r)
    put('f1', f)
    put('support', s)
    put('macro', macro[:3])
    put('weighted', weighted[:3])
    put('accuracy', [accuracy_score(y_true, y_pred)])
    put('topk', topk)
    lines.append('end')


def regression(name, n, outputs, constant=None, exact_constant=False):
    y_true = rng.standard_normal((n, outputs)) * 3.0 + 1.0
    y_pred = y_true + rng.standard_normal((n, outputs))
    if constant is not None:
        y_true[:, constant] = 2.5
        y_pred[:, constant] = 2.5 if exact_constant else 2.5 + rng.standard_normal(n)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', UndefinedMetricWarning)
        r2 = r2_score(y_true, y_pred)
        r2_raw = r2_score(y_true, y_pred, multioutput='raw_values') if n > 1 else [r2] * outputs
    lines.append('regression ' + name)
    put('outputs', [outputs])
    put('true', y_true)
    put('predicted', y_pred)
    put('mae', [mean_absolute_error(y_true, y_pred)])
    put('rmse', [mean_squared_error(y_true, y_pred, squared=False)])
    put('r2', [r2])
    put('mae_per_output', mean_absolute_error(y_true, y_pred, multioutput='raw_values'))
    put('rmse_per_output', mean_squared_error(y_true, y_pred, squared=False,
                                              multioutput='raw_values'))
    put('r2_per_output', r2_raw)
    lines.append('end')


classification('ten-classes', 200, 10)
classification('three-classes', 7, 3)
classification('one-example', 1, 4)
classification('class-3-has-no-examples', 60, 4, true_classes=3)
classification('class-1-never-predicted', 80, 5, never_predicted=1)
regression('one-output', 50, 1)
regression('three-outputs', 30, 3)
regression('constant-output-predicted-exactly', 20, 2, constant=1, exact_constant=True)
regression('constant-output-predicted-inexactly', 20, 2, constant=0)
regression('one-example', 1, 2)
open(OUT, 'w').write('\n'.join(lines) + '\n')
