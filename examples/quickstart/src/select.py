"""Copy the candidate with the best validation score to model.onnx / model.pkl."""
import glob
import json
import os
import shutil

import yaml

metric = yaml.safe_load(open("params.yaml"))["select"]["metric"]
scores = {os.path.dirname(p): json.load(open(p))[metric] for p in glob.glob("models/*/metrics.json")}
if not scores:
    raise SystemExit("no candidates under models/: did the train stage run?")
best = max(sorted(scores), key=scores.get)
shutil.copyfile(f"{best}/model.onnx", "model.onnx")
shutil.copyfile(f"{best}/model.pkl", "model.pkl")
print(f"champion: {os.path.basename(best)} ({metric}={scores[best]:.4f}) out of {len(scores)} candidates")
