// Writes a trained network as an ONNX graph (protobuf through onnx-proto, ONNX's own
// schema compiled for protobufjs). The graph standardises its input, so clients send raw
// measurements:
//   input float32 [batch, 4] -> Sub(mean) -> Div(scale) -> (MatMul, Add, Tanh|Relu)* ->
//   MatMul, Add -> Softmax -> probabilities float32 [batch, 3]; ArgMax -> label int64 [batch]
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
export const OPSET = 13;

/** A float32 initializer; raw_data is little-endian whatever the host. */
function floatTensor(name, dims, values) {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return { name, dims, dataType: FLOAT, rawData: bytes };
}

function node(opType, input, output, attributes = {}) {
  return {
    name: output[0],
    opType,
    input,
    output,
    attribute: Object.entries(attributes).map(([name, i]) => ({
      name,
      type: onnx.AttributeProto.AttributeType.INT,
      i,
    })),
  };
}

function valueInfo(name, elemType, dims) {
  const dim = dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/**
 * Serialises `net` (from network.mjs) with its standardiser as an ONNX model.
 * Same inputs, same bytes: no timestamps or random ids are written.
 */
export function exportOnnx(net, standardizer, { name, classes, features }) {
  const initializer = [
    floatTensor('mean', [features.length], standardizer.mean),
    floatTensor('scale', [features.length], standardizer.scale),
  ];
  const nodes = [
    node('Sub', ['input', 'mean'], ['centred']),
    node('Div', ['centred', 'scale'], ['x0']),
  ];
  let x = 'x0';
  net.layers.forEach(({ W, b }, l) => {
    const last = l === net.layers.length - 1;
    initializer.push(floatTensor(`W${l}`, [W.length, b.length], W.flat()));
    initializer.push(floatTensor(`b${l}`, [b.length], b));
    nodes.push(node('MatMul', [x, `W${l}`], [`z${l}`]));
    nodes.push(node('Add', [`z${l}`, `b${l}`], [last ? 'logits' : `a${l}`]));
    if (!last) {
      nodes.push(node(net.activation === 'relu' ? 'Relu' : 'Tanh', [`a${l}`], [`h${l}`]));
      x = `h${l}`;
    }
  });
  nodes.push(node('Softmax', ['logits'], ['probabilities'], { axis: 1 }));
  nodes.push(node('ArgMax', ['probabilities'], ['label'], { axis: 1, keepdims: 0 }));

  const model = onnx.ModelProto.fromObject({
    irVersion: 7,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'cd4ml-example-iris',
    producerVersion: '1',
    docString: `${name}: Iris classifier; label indexes ${classes.join(', ')}`,
    metadataProps: [
      { key: 'classes', value: classes.join(',') },
      { key: 'features', value: features.join(',') },
    ],
    graph: {
      name,
      node: nodes,
      initializer,
      input: [valueInfo('input', FLOAT, ['batch', features.length])],
      output: [
        valueInfo('label', INT64, ['batch']),
        valueInfo('probabilities', FLOAT, ['batch', classes.length]),
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
