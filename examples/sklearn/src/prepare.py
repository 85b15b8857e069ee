"""Seeded, stratified train/validation/test split of data/wine.csv, and dataset statistics."""
import json
import os

import numpy as np
import yaml
from sklearn.model_selection import train_test_split

params = yaml.safe_load(open("params.yaml"))["prepare"]
raw = np.genfromtxt("data/wine.csv", delimiter=",", names=True)
columns = [c for c in raw.dtype.names if c not in ("id", "label")]
X = np.column_stack([raw[c] for c in columns])
y = raw["label"].astype(int)
ids = raw["id"].astype(int)

rest, test = train_test_split(np.arange(len(y)), test_size=params["test_size"], stratify=y, random_state=params["seed"])
val_share = params["val_size"] / (1 - params["test_size"])
train, val = train_test_split(rest, test_size=val_share, stratify=y[rest], random_state=params["seed"])
parts = {"train": np.sort(train), "val": np.sort(val), "test": np.sort(test)}

os.makedirs("data/split", exist_ok=True)
for name, index in parts.items():
    np.savez(f"data/split/{name}.npz", X=X[index], y=y[index], ids=ids[index], columns=np.array(columns))

stats = {
    "rows": {name: int(len(index)) for name, index in parts.items()},
    "features": len(columns),
    "classes": {str(c): int((y == c).sum()) for c in np.unique(y)},
    "missing_values": int(np.isnan(X).sum()),
    "columns": {c: {"mean": round(float(X[:, i].mean()), 4), "std": round(float(X[:, i].std()), 4)} for i, c in enumerate(columns)},
}
with open("data/stats.json", "w") as f:
    json.dump(stats, f, indent=2)
    f.write("\n")
print("prepared " + ", ".join(f"{k}={v}" for k, v in stats["rows"].items()))
