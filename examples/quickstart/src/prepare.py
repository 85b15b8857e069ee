"""Split data/data.csv into train/validation/test and write dataset statistics."""
import json
import os

import numpy as np
import yaml

params = yaml.safe_load(open("params.yaml"))["prepare"]
raw = np.genfromtxt("data/data.csv", delimiter=",", names=True)
columns = [c for c in raw.dtype.names if c not in ("id", "label")]
X = np.column_stack([raw[c] for c in columns])
y = raw["label"].astype(int)
ids = raw["id"].astype(int)

rng = np.random.default_rng(params["seed"])
order = rng.permutation(len(y))
n_test = int(len(y) * params["test_size"])
n_val = int(len(y) * params["val_size"])
parts = {"test": order[:n_test], "val": order[n_test:n_test + n_val], "train": order[n_test + n_val:]}

os.makedirs("data/split", exist_ok=True)
for name, index in parts.items():
    np.savez(f"data/split/{name}.npz", X=X[index], y=y[index], ids=ids[index], columns=np.array(columns))

stats = {
    "rows": {name: int(len(index)) for name, index in parts.items()},
    "features": len(columns),
    "missing_values": int(np.isnan(X).sum()),
    "label_balance": float(y.mean()),
    "columns": {c: {"mean": round(float(X[:, i].mean()), 4), "std": round(float(X[:, i].std()), 4)} for i, c in enumerate(columns[:10])},
}
json.dump(stats, open("data/stats.json", "w"), indent=2)
print(f"prepared {len(y)} rows: " + ", ".join(f"{k}={v}" for k, v in stats["rows"].items()))
