"""Train one candidate: python3 src/train.py <logreg|ridge> <C> <out dir>."""
import json
import os
import pickle
import sys

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression, RidgeClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from export import export_linear

kind, C, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
params = yaml.safe_load(open("params.yaml"))["train"]
train, val = np.load("data/split/train.npz"), np.load("data/split/val.npz")

if kind == "logreg":
    clf = LogisticRegression(C=C, max_iter=params["max_iter"])
elif kind == "ridge":
    clf = RidgeClassifier(alpha=1.0 / C)
else:
    sys.exit(f"unknown model kind {kind!r}: use logreg or ridge")
model = make_pipeline(StandardScaler(), clf).fit(train["X"], train["y"])

os.makedirs(out, exist_ok=True)
pickle.dump(model, open(f"{out}/model.pkl", "wb"))
scaler, fitted = model.steps[0][1], model.steps[1][1]
export_linear(scaler, np.atleast_2d(fitted.coef_), np.atleast_1d(fitted.intercept_), f"{out}/model.onnx")

predicted = model.predict(val["X"])
metrics = {"val_accuracy": accuracy_score(val["y"], predicted), "val_f1": f1_score(val["y"], predicted)}
json.dump({k: round(v, 6) for k, v in metrics.items()}, open(f"{out}/metrics.json", "w"), indent=2)
print(f"{kind} C={C}: " + ", ".join(f"{k}={v:.4f}" for k, v in metrics.items()))
