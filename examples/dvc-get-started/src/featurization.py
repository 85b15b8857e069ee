"""Polynomial features: featurization.py <prepared dir> <features dir>."""
import os
import sys

import numpy as np
import yaml
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

degree = yaml.safe_load(open("params.yaml"))["featurize"]["degree"]
source, target = sys.argv[1], sys.argv[2]
train = np.loadtxt(f"{source}/train.csv", delimiter=",")
test = np.loadtxt(f"{source}/test.csv", delimiter=",")
scaler = StandardScaler().fit(train[:, 1:-1])
poly = PolynomialFeatures(degree=degree, include_bias=False)
os.makedirs(target, exist_ok=True)
for name, part in (("train", train), ("test", test)):
    features = poly.fit_transform(scaler.transform(part[:, 1:-1]))
    np.save(f"{target}/{name}_X.npy", features)
    np.save(f"{target}/{name}_y.npy", part[:, -1].astype(int))
print(f"{features.shape[1]} features")
