"""train <candidate>: fit the candidate params.yaml describes under candidates.<name> on the
training split; export it to models/<name>/model.onnx and pickle it for evaluation."""
import json
import os
import pickle
import sys

import numpy as np
import yaml
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from export import check_parity, export_linear

name = sys.argv[1]
params = yaml.safe_load(open("params.yaml"))
spec = params["candidates"].get(name)
if spec is None:
    raise SystemExit(f"train: no candidate '{name}' under candidates in params.yaml")

if spec["model"] == "logreg":
    classifier = LogisticRegression(C=spec["C"], max_iter=params["train"]["max_iter"], random_state=params["train"]["seed"])
elif spec["model"] == "lda":
    classifier = LinearDiscriminantAnalysis(solver="lsqr", shrinkage=spec.get("shrinkage"))
else:
    raise SystemExit(f"train: candidate '{name}' has unknown model '{spec['model']}' (logreg, lda)")

train = np.load("data/split/train.npz")
model = make_pipeline(StandardScaler(), classifier).fit(train["X"], train["y"])
scaler, fitted = model[0], model[-1]

out = f"models/{name}"
os.makedirs(out, exist_ok=True)
onnx_model = export_linear(scaler, fitted.coef_, fitted.intercept_, f"{out}/model.onnx", name)
parity = check_parity(onnx_model, model, train["X"])
with open(f"{out}/model.pkl", "wb") as f:
    pickle.dump(model, f)
metrics = {"train_accuracy": round(float(model.score(train["X"], train["y"])), 6), "parameters": int(fitted.coef_.size + fitted.intercept_.size)}
with open(f"{out}/train.json", "w") as f:
    json.dump(metrics, f, indent=2)
    f.write("\n")
print(f"{name}: {metrics}, ONNX parity max |dp| = {parity:.1e}")
