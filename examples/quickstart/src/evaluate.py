"""Score the champion on the test set; write metrics and per-example predictions."""
import json
import os
import pickle

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, log_loss, precision_score, recall_score, roc_auc_score

model = pickle.load(open("model.pkl", "rb"))
test = np.load("data/split/test.npz")
predicted = model.predict(test["X"])
scores = model.decision_function(test["X"])
probability = 1 / (1 + np.exp(-scores))

os.makedirs("eval", exist_ok=True)
metrics = {
    "accuracy": accuracy_score(test["y"], predicted),
    "f1": f1_score(test["y"], predicted),
    "precision": precision_score(test["y"], predicted),
    "recall": recall_score(test["y"], predicted),
    "roc_auc": roc_auc_score(test["y"], scores),
    "log_loss": log_loss(test["y"], probability),
}
json.dump({k: round(float(v), 6) for k, v in metrics.items()}, open("eval/metrics.json", "w"), indent=2)
# Per-example predictions; `size` (the first feature, mean radius, above or below the test
# set's median) is a slice column: the PR report compares accuracy, precision, recall and F1
# per size as well as overall.
median_radius = float(np.median(test["X"][:, 0]))
with open("eval/predictions.csv", "w") as f:
    f.write("id,label,prediction,score,size\n")
    for i, y, p, s, x in zip(test["ids"], test["y"], predicted, probability, test["X"][:, 0]):
        size = "large" if x > median_radius else "small"
        f.write(f"{int(i)},{int(y)},{int(p)},{float(s):.6f},{size}\n")
print(", ".join(f"{k}={v:.4f}" for k, v in metrics.items()))
