// A dense softmax classifier in plain JavaScript float math: no hidden layer is softmax
// (multinomial logistic) regression, one or more hidden layers make a small MLP.
// Full-batch Adam, seeded initialisation: deterministic for the same data and params.
import { createRandom, gaussian } from './random.mjs';

const ACTIVATIONS = {
  tanh: { f: Math.tanh, df: (_z, a) => 1 - a * a },
  relu: { f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0) },
};

/** Mean and standard deviation per feature of the training rows. */
export function fitStandardizer(X) {
  const n = X.length;
  const d = X[0].length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, row) => s + row[j], 0) / n);
  const scale = mean.map((m, j) => {
    const sd = Math.sqrt(X.reduce((s, row) => s + (row[j] - m) ** 2, 0) / n);
    return sd > 0 ? sd : 1;
  });
  return { mean, scale };
}

export function standardize(X, { mean, scale }) {
  return X.map((row) => row.map((v, j) => (v - mean[j]) / scale[j]));
}

function matrix(rows, cols, fill) {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => fill(i, j)));
}

function softmaxRows(Z) {
  return Z.map((row) => {
    const max = Math.max(...row);
    const e = row.map((z) => Math.exp(z - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  });
}

/** Z = A·W + b */
function affine(A, { W, b }) {
  return A.map((row) => b.map((bj, j) => row.reduce((s, a, k) => s + a * W[k][j], bj)));
}

/** Forward pass; returns every layer's pre-activation Z and activation A. */
function forward(net, X) {
  const As = [X];
  const Zs = [];
  const act = ACTIVATIONS[net.activation];
  net.layers.forEach((layer, l) => {
    const Z = affine(As[l], layer);
    Zs.push(Z);
    As.push(l === net.layers.length - 1 ? softmaxRows(Z) : Z.map((r) => r.map(act.f)));
  });
  return { Zs, As };
}

export function predictProba(net, X) {
  const { As } = forward(net, X);
  return As[As.length - 1];
}

/**
 * Trains on standardised rows `X` with class indices `y`.
 * options: { hidden: number[], activation, epochs, learning_rate, l2, seed }
 */
export function train(X, y, classes, options) {
  const { hidden = [], activation = 'tanh', epochs, learning_rate: lr, l2 = 0, seed } = options;
  if (!ACTIVATIONS[activation]) throw new Error(`unknown activation '${activation}' (tanh, relu)`);
  const random = createRandom(seed);
  const sizes = [X[0].length, ...hidden, classes];
  const net = {
    activation,
    layers: sizes.slice(1).map((out, l) => {
      const fanIn = sizes[l];
      const std = Math.sqrt(2 / (fanIn + out)); // Glorot
      return { W: matrix(fanIn, out, () => gaussian(random) * std), b: new Array(out).fill(0) };
    }),
  };
  const adam = net.layers.map(({ W, b }) => ({
    mW: matrix(W.length, b.length, () => 0),
    vW: matrix(W.length, b.length, () => 0),
    mb: new Array(b.length).fill(0),
    vb: new Array(b.length).fill(0),
  }));
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const n = X.length;
  const act = ACTIVATIONS[activation];

  for (let t = 1; t <= epochs; t++) {
    const { Zs, As } = forward(net, X);
    // dLoss/dZ of the output layer for mean cross-entropy: (P - onehot(y)) / n
    let dZ = As[As.length - 1].map((p, i) => p.map((v, j) => (v - (y[i] === j ? 1 : 0)) / n));
    for (let l = net.layers.length - 1; l >= 0; l--) {
      const layer = net.layers[l];
      const A = As[l];
      const gW = layer.W.map((row, k) =>
        row.map((w, j) => A.reduce((s, a, i) => s + a[k] * dZ[i][j], 0) + l2 * w),
      );
      const gb = layer.b.map((_, j) => dZ.reduce((s, r) => s + r[j], 0));
      if (l > 0) {
        const prev = dZ.map((r) =>
          layer.W.map((wRow) => wRow.reduce((s, w, j) => s + w * r[j], 0)),
        );
        dZ = prev.map((r, i) => r.map((g, k) => g * act.df(Zs[l - 1][i][k], As[l][i][k])));
      }
      const m = adam[l];
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;
      const step = (param, grad, mom, vel) => {
        mom = beta1 * mom + (1 - beta1) * grad;
        vel = beta2 * vel + (1 - beta2) * grad * grad;
        return [param - (lr * (mom / c1)) / (Math.sqrt(vel / c2) + eps), mom, vel];
      };
      layer.W.forEach((row, k) =>
        row.forEach((w, j) => {
          [row[j], m.mW[k][j], m.vW[k][j]] = step(w, gW[k][j], m.mW[k][j], m.vW[k][j]);
        }),
      );
      layer.b.forEach((bj, j) => {
        [layer.b[j], m.mb[j], m.vb[j]] = step(bj, gb[j], m.mb[j], m.vb[j]);
      });
    }
  }
  return net;
}
