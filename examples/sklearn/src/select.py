"""select: the candidate with the best select.metric becomes model.onnx; its evaluation
becomes champion/. The candidates are the ones params.yaml lists now, not whatever models/
still holds from an earlier grid."""
import json
import os
import shutil

import yaml

params = yaml.safe_load(open("params.yaml"))
metric = params["select"]["metric"]
lower = params["select"].get("direction", "lower" if "loss" in metric else "higher") == "lower"
scores = {name: json.load(open(f"eval/{name}/metrics.json")) for name in sorted(params["candidates"])}
best = (min if lower else max)(scores, key=lambda name: scores[name][metric])

os.makedirs("champion", exist_ok=True)
shutil.copyfile(f"models/{best}/model.onnx", "model.onnx")
shutil.copyfile(f"eval/{best}/predictions.csv", "champion/predictions.csv")
shutil.copyfile(f"eval/{best}/confusion.json", "champion/confusion.json")
with open("champion/metrics.json", "w") as f:
    json.dump({k: scores[best][k] for k in ("accuracy", "macro_f1", "log_loss")}, f, indent=2)
    f.write("\n")
print(f"champion: {best} ({metric}={scores[best][metric]}) of {', '.join(scores)}")
