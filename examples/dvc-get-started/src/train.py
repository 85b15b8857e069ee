"""Train a random forest: train.py <features dir> <model.pkl>."""
import pickle
import sys

import numpy as np
import yaml
from sklearn.ensemble import RandomForestClassifier

params = yaml.safe_load(open("params.yaml"))["train"]
X, y = np.load(f"{sys.argv[1]}/train_X.npy"), np.load(f"{sys.argv[1]}/train_y.npy")
clf = RandomForestClassifier(n_estimators=params["n_est"], min_samples_split=params["min_split"], random_state=params["seed"], n_jobs=1)
clf.fit(X, y)
pickle.dump(clf, open(sys.argv[2], "wb"))
