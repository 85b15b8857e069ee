"""Copy the best candidate (by validation score) to model.onnx / model.pkl.

The candidates are the ones params.yaml lists now, not whatever models/ holds: a
candidate removed from the grid must not win from a stale directory.
"""
import itertools
import json
import shutil

import yaml

params = yaml.safe_load(open("params.yaml"))
metric = params["select"]["metric"]
grid = params["candidates"]
names = [f"{model}-{c}" for model, c in itertools.product(grid["model"], grid["C"])]
scores = {name: json.load(open(f"models/{name}/metrics.json"))[metric] for name in names}
best = max(sorted(scores), key=scores.get)
shutil.copyfile(f"models/{best}/model.onnx", "model.onnx")
shutil.copyfile(f"models/{best}/model.pkl", "model.pkl")
print(f"champion: {best} ({metric}={scores[best]:.4f}) out of {len(scores)} candidates")
