"""Peer 2: the classic Flask microservice, scikit-learn's own estimator (the very
weights exported to ONNX in serving/__fixtures__), run under gunicorn -w 2.

    gunicorn -w 2 -b 127.0.0.1:PORT --chdir bench/serving flask_app:app
"""
import os
import pickle

import numpy as np
from flask import Flask, jsonify, request

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "..", "serving", "__fixtures__", "iris-v1.pkl"), "rb") as f:
    model = pickle.load(f)

app = Flask(__name__)


@app.post("/v1/models/iris:predict")
def predict():
    x = np.asarray(request.get_json()["instances"], dtype=np.float32)
    labels = model.predict(x)
    probs = model.predict_proba(x)
    return jsonify(predictions=[{"label": int(l), "probabilities": p.tolist()} for l, p in zip(labels, probs)])
