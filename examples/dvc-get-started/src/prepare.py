"""Split the raw CSV into train and test sets: prepare.py <data.csv>."""
import os
import sys

import numpy as np
import yaml

params = yaml.safe_load(open("params.yaml"))["prepare"]
raw = np.genfromtxt(sys.argv[1], delimiter=",", skip_header=1)
rng = np.random.default_rng(params["seed"])
rows = rng.permutation(len(raw))
n_test = int(len(raw) * params["split"])
os.makedirs("data/prepared", exist_ok=True)
np.savetxt("data/prepared/test.csv", raw[rows[:n_test]], delimiter=",")
np.savetxt("data/prepared/train.csv", raw[rows[n_test:]], delimiter=",")
print(f"train={len(raw) - n_test} test={n_test}")
