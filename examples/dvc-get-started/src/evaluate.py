"""Evaluate: evaluate.py <model.pkl> <features dir>; writes eval/metrics.json and a confusion plot."""
import json
import os
import pickle
import sys

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

clf = pickle.load(open(sys.argv[1], "rb"))
X, y = np.load(f"{sys.argv[2]}/test_X.npy"), np.load(f"{sys.argv[2]}/test_y.npy")
predicted = clf.predict(X)
os.makedirs("eval/plots", exist_ok=True)
json.dump({"accuracy": round(accuracy_score(y, predicted), 6), "f1_macro": round(f1_score(y, predicted, average="macro"), 6)}, open("eval/metrics.json", "w"), indent=2)
json.dump([{"actual": int(a), "predicted": int(p)} for a, p in zip(y, predicted)], open("eval/plots/confusion.json", "w"))
