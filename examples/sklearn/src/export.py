"""Export a fitted StandardScaler + linear multiclass classifier to ONNX with the `onnx` helper.

The graph: input float32 [batch, F] -> Sub(mean) -> Div(scale) -> MatMul(W) -> Add(b) ->
Softmax -> `probabilities` float32 [batch, K]; ArgMax -> `label` int64 [batch]. Plain tensors,
no ZipMap, so any ONNX runtime (and cd4ml serve) returns them. For multinomial logistic
regression and linear discriminant analysis, softmax of the decision function *is*
scikit-learn's predict_proba, which `check_parity` verifies on real rows.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13


def export_linear(scaler, coef, intercept, path, name):
    n_classes, n_features = coef.shape
    init = [
        numpy_helper.from_array(scaler.mean_.astype(np.float32), "mean"),
        numpy_helper.from_array(scaler.scale_.astype(np.float32), "scale"),
        numpy_helper.from_array(coef.T.astype(np.float32), "W"),
        numpy_helper.from_array(intercept.astype(np.float32), "b"),
    ]
    nodes = [
        helper.make_node("Sub", ["input", "mean"], ["centred"]),
        helper.make_node("Div", ["centred", "scale"], ["scaled"]),
        helper.make_node("MatMul", ["scaled", "W"], ["z"]),
        helper.make_node("Add", ["z", "b"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
        helper.make_node("ArgMax", ["probabilities"], ["label"], axis=1, keepdims=0),
    ]
    graph = helper.make_graph(
        nodes,
        name,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", n_features])],
        [
            helper.make_tensor_value_info("label", TensorProto.INT64, ["batch"]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", n_classes]),
        ],
        init,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="cd4ml-example-sklearn")
    model.ir_version = 7
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)
    return model


def graph_proba(model, X):
    """The exported graph's probabilities, computed from its own initializers with numpy."""
    w = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    logits = ((X.astype(np.float32) - w["mean"]) / w["scale"]) @ w["W"] + w["b"]
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def check_parity(model, estimator, X, tolerance=1e-4):
    """Fail the stage if the ONNX graph and scikit-learn disagree on these rows."""
    expected = estimator.predict_proba(X)
    got = graph_proba(model, X)
    worst = float(np.abs(expected - got).max())
    if worst > tolerance or not (got.argmax(axis=1) == estimator.predict(X)).all():
        raise SystemExit(f"the exported ONNX graph disagrees with scikit-learn (max |dp| = {worst:.2e})")
    return worst
