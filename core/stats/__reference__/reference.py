"""Reference values for core/stats tests, computed independently of cd4ml's code.

Run with Debian's python3 (python3-numpy, python3-scipy, python3-sklearn):

    /usr/bin/python3 core/stats/__reference__/reference.py > core/stats/__reference__/reference.json

It writes the slice fixtures (slices-base.csv, slices-head.csv) beside itself and prints
the expected values as JSON; the tests read that JSON. The corrections are computed from
their definitions (Holm as closed testing over every subset, BH by running the
rejection rule at every candidate level), not with the step-wise formulas cd4ml uses.
"""
import itertools
import json
import os

import numpy as np
import scipy
import sklearn
from scipy.stats import binomtest, kstwobign, ks_2samp
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score

HERE = os.path.dirname(os.path.abspath(__file__))


def holm_closed(p):
    """Holm = closed testing with Bonferroni: adjusted p_i = max over subsets S ∋ i of |S|·min_S p."""
    m = len(p)
    out = []
    for i in range(m):
        worst = 0.0
        others = [j for j in range(m) if j != i]
        for r in range(len(others) + 1):
            for extra in itertools.combinations(others, r):
                s = (i,) + extra
                worst = max(worst, min(1.0, len(s) * min(p[j] for j in s)))
        out.append(worst)
    return out


def bh_by_rejection(p):
    """Smallest level q at which Benjamini–Hochberg rejects each hypothesis."""
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    candidates = sorted({min(1.0, m * p[order[k]] / (k + 1)) for k in range(m)} | {1.0})
    out = [1.0] * m
    for q in reversed(candidates):
        ks = [k for k in range(m) if p[order[k]] <= (k + 1) * q / m]
        if ks:
            cutoff = p[order[max(ks)]]
            for i in range(m):
                if p[i] <= cutoff:
                    out[i] = q
    return out


def slices():
    rng = np.random.default_rng(20)
    n = 900
    region = rng.choice(["north", "south", "east", "west"], n, p=[0.4, 0.3, 0.2, 0.1])
    device = rng.choice(["mobile", "desktop"], n)
    label = rng.integers(0, 2, n)
    # Base: right 85% of the time. Head: the same, but worse in the north.
    base = np.where(rng.random(n) < 0.85, label, 1 - label)
    head_ok = np.where(region == "north", 0.70, 0.87)
    head = np.where(rng.random(n) < head_ok, label, 1 - label)
    ids = [f"ex{i}" for i in range(n)]
    for name, pred in (("slices-base.csv", base), ("slices-head.csv", head)):
        with open(os.path.join(HERE, name), "w") as f:
            f.write("id,label,prediction,region,device\n")
            for i in range(n):
                f.write(f"{ids[i]},{label[i]},{pred[i]},{region[i]},{device[i]}\n")
    result = []
    for column, values in (("region", region), ("device", device)):
        for value in sorted(set(values)):
            mask = values == value
            y, b, h = label[mask], base[mask], head[mask]
            base_only = int(np.sum((b == y) & (h != y)))
            head_only = int(np.sum((b != y) & (h == y)))
            d = base_only + head_only
            p = binomtest(min(base_only, head_only), d, 0.5).pvalue if d > 0 else 1.0
            row = {"column": column, "value": str(value), "rows": int(mask.sum()), "mcnemar_p": p}
            for metric, fn in (("accuracy", accuracy_score), ("precision", precision_score),
                               ("recall", recall_score), ("f1", f1_score)):
                kw = {} if metric == "accuracy" else {"zero_division": 0}
                row[metric] = [float(fn(y, b, **kw)), float(fn(y, h, **kw))]
            result.append(row)
    ps = [r["mcnemar_p"] for r in result]
    for r, holm, bh in zip(result, holm_closed(ps), bh_by_rejection(ps)):
        r["holm"] = holm
        r["bh"] = bh
    return result


def macro():
    y = [0, 1, 2, 2, 1, 0, 2, 1, 1, 0, 2, 2]
    p = [0, 2, 2, 1, 1, 0, 2, 0, 1, 0, 1, 2]
    return {
        "label": y,
        "prediction": p,
        "macro_precision": precision_score(y, p, average="macro", zero_division=0),
        "macro_recall": recall_score(y, p, average="macro", zero_division=0),
        "macro_f1": f1_score(y, p, average="macro", zero_division=0),
    }


def corrections():
    p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04]
    return {"p": p, "holm": holm_closed(p), "bh": bh_by_rejection(p)}


def kolmogorov():
    z = [0.3, 0.6, 0.9, 1.0, 1.18, 1.36, 1.8, 2.5]
    return {"z": z, "sf": [float(kstwobign.sf(v)) for v in z]}


def ks_samples():
    """KS on two big samples: scipy's exact statistic from the raw data, for the sketch's tolerance."""
    rng = np.random.default_rng(7)
    a = rng.normal(0, 1, 20000)
    b = rng.normal(0.3, 1.2, 20000)
    qs = np.linspace(0, 1, 21)
    res = ks_2samp(a, b, method="asymp")
    return {
        "base_quantiles": np.quantile(a, qs, method="inverted_cdf").tolist(),
        "head_quantiles": np.quantile(b, qs, method="inverted_cdf").tolist(),
        "n": 20000,
        "statistic": float(res.statistic),
        "pvalue": float(res.pvalue),
    }


def categorical_psi():
    base = {"a": 500, "b": 300, "c": 150, "d": 50}
    head = {"a": 400, "b": 300, "c": 200, "d": 100}
    b = np.array(list(base.values()), float)
    h = np.array([head[k] for k in base], float)
    b /= b.sum()
    h /= h.sum()
    return {"base": base, "head": head, "psi": float(np.sum((h - b) * np.log(h / b)))}


print(json.dumps({
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
    "corrections": corrections(),
    "slices": slices(),
    "macro": macro(),
    "kolmogorov": kolmogorov(),
    "ks": ks_samples(),
    "categorical_psi": categorical_psi(),
}, indent=1))
