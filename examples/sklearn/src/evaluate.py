"""evaluate <candidate>: validation and test metrics, the confusion matrix as plot data, and
per-example predictions for the PR report's paired significance test."""
import json
import os
import sys

import numpy as np
import pickle
from sklearn.metrics import accuracy_score, f1_score, log_loss

name = sys.argv[1]
model = pickle.load(open(f"models/{name}/model.pkl", "rb"))
out = f"eval/{name}"
os.makedirs(out, exist_ok=True)


def scores(split):
    data = np.load(f"data/split/{split}.npz")
    proba = model.predict_proba(data["X"])
    return data, proba, proba.argmax(axis=1)


val, val_proba, val_pred = scores("val")
test, test_proba, test_pred = scores("test")
labels = list(range(test_proba.shape[1]))
metrics = {
    "accuracy": accuracy_score(test["y"], test_pred),
    "macro_f1": f1_score(test["y"], test_pred, average="macro"),
    "log_loss": log_loss(test["y"], test_proba, labels=labels),
    "val_accuracy": accuracy_score(val["y"], val_pred),
    "val_log_loss": log_loss(val["y"], val_proba, labels=labels),
}
with open(f"{out}/metrics.json", "w") as f:
    json.dump({k: round(float(v), 6) for k, v in metrics.items()}, f, indent=2)
    f.write("\n")
with open(f"{out}/confusion.json", "w") as f:
    json.dump([{"actual": int(a), "predicted": int(p)} for a, p in zip(test["y"], test_pred)], f, indent=1)
    f.write("\n")
with open(f"{out}/predictions.csv", "w") as f:
    f.write("id,label,prediction,score\n")
    for i, y, p, proba in zip(test["ids"], test["y"], test_pred, test_proba):
        f.write(f"{int(i)},{int(y)},{int(p)},{float(proba[p]):.6f}\n")
print(f"{name}: " + ", ".join(f"{k}={v:.4f}" for k, v in metrics.items()))
