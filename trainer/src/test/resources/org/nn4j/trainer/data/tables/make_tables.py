"""Writes the CSV tables beside this script from scikit-learn's copies (Debian package
python3-sklearn, /usr/lib/python3/dist-packages/sklearn/datasets/data/): a header row, the
features under scikit-learn's names, and the label under its class name (the packaged files
have a count line instead of a header and integer labels). Values are written as the
packaged files hold them. Run: /usr/bin/python3 make_tables.py (scikit-learn 1.2.1 made the files here).
"""
import csv
from sklearn import datasets


def write(name, bunch, label, classes=True):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(list(bunch.feature_names) + [label])
        for x, y in zip(bunch.data, bunch.target):
            row = [repr(float(v)) if float(v) != int(v) else str(int(v)) for v in x]
            w.writerow(row + [bunch.target_names[y] if classes else repr(float(y))])


write("iris.csv", datasets.load_iris(), "species")
write("wine.csv", datasets.load_wine(), "cultivar")
write("breast_cancer.csv", datasets.load_breast_cancer(), "diagnosis")
write("diabetes.csv", datasets.load_diabetes(scaled=False), "progression", classes=False)
