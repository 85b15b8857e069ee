"""Write the wine dataset to data/wine.csv.

This stage is `always_changed`: it runs on every `cd4ml run`, as a stage that pulls fresh
data from a warehouse or bucket would. When the file it writes is byte-identical to the
last one, nothing downstream runs again; when the data changed, everything after it does.
Here the source is the copy of the UCI wine data that ships with scikit-learn.
"""
import csv
import os

from sklearn.datasets import load_wine

wine = load_wine()
os.makedirs("data", exist_ok=True)
with open("data/wine.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["id", *[name.replace("/", "_") for name in wine.feature_names], "label"])
    for i, (row, label) in enumerate(zip(wine.data, wine.target)):
        out.writerow([i, *[repr(float(v)) for v in row], int(label)])
print(f"wrote {len(wine.target)} rows, {len(wine.feature_names)} features to data/wine.csv")
