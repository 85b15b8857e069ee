import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServingApp } from '../app.js';
import { startedApp, tempRepository } from '../testing.js';
import type { GrpcServer } from './server.js';
import { grpcFor } from './testing.js';

const run = promisify(execFile);
const expected = (await import('../__fixtures__/expected.json', { with: { type: 'json' } }))
  .default as { v1: { probabilities: number[][]; label: number[] } };

let app: ServingApp;
let repo: Awaited<ReturnType<typeof tempRepository>>;
let server: GrpcServer;
beforeAll(async () => {
  repo = await tempRepository({ iris: { 1: 'iris-v1.onnx' } });
  app = await startedApp({ repository: repo.root });
  server = await grpcFor(app);
});
afterAll(async () => {
  await server.close();
  await app.close();
  await repo.cleanup();
});

// Debian's python3-grpcio and python3-protobuf (CI installs them): a client that shares no
// code with the server, learns the messages through reflection and calls every service.
it('serves Python grpcio, which learns every message through reflection', async () => {
  const { stdout } = await run('/usr/bin/python3', [
    join(import.meta.dirname, '__fixtures__', 'python_client.py'),
    String(server.port),
  ]);
  const out = JSON.parse(stdout) as Record<string, unknown>;
  expect(out.services).toEqual(
    expect.arrayContaining([
      'grpc.health.v1.Health',
      'inference.GRPCInferenceService',
      'tensorflow.serving.ModelService',
      'tensorflow.serving.PredictionService',
    ]),
  );
  const infer = out.infer as { probabilities: number[]; label: number; outputs: unknown };
  expect(infer.outputs).toEqual([
    ['label', 'INT64', [1]],
    ['probabilities', 'FP32', [1, 3]],
  ]);
  expect(infer.label).toBe(expected.v1.label[0]);
  infer.probabilities.forEach((p, i) =>
    expect(p).toBeCloseTo(expected.v1.probabilities[0]![i]!, 5),
  );
  expect(out.bad_infer).toEqual([
    'INVALID_ARGUMENT',
    "raw_input_contents[0] (input 'float_input') has 15 bytes, but 4 float32 elements take 16 (4 bytes each): send exactly shape × element size bytes",
  ]);
  const predict = out.predict as { version: number; probabilities: number[]; label: number[] };
  expect(predict.version).toBe(1);
  expect(predict.label).toEqual([expected.v1.label[0]]);
  predict.probabilities.forEach((p, i) =>
    expect(p).toBeCloseTo(expected.v1.probabilities[0]![i]!, 5),
  );
  // DT_FLOAT is 1 in tensorflow.DataType.
  expect(out.metadata).toEqual({
    inputs: { float_input: [1, [-1, 4]] },
    method_name: 'tensorflow/serving/predict',
  });
  expect(out.status).toEqual([[1, 'AVAILABLE']]);
  expect(out.health).toBe('SERVING');
});
