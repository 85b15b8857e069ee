// Does running onnxruntime sessions in worker threads beat the main thread?
// node bench/serving/threads.mjs — measures, per model and batch size:
//   main:    session.run on the event-loop thread (what cd4ml serve does)
//   workers: a pool of worker_threads, each with its own session; the main thread
//            only posts inputs and receives outputs
// and prints throughput and the main-thread time each inference costs (event-loop
// utilization × wall time ÷ runs): that time is what HTTP handling cannot use.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'cd4ml-threads-'));
const heavy = join(work, 'heavy.onnx');
execFileSync(process.env.PYTHON ?? '/usr/bin/python3', [
  join(ROOT, 'bench/serving/heavy_model.py'),
  heavy,
]);
const WORKERS = Number(process.env.WORKERS ?? Math.max(1, cpus().length));

const cases = [
  {
    name: 'iris, 1 row',
    file: join(ROOT, 'serving/__fixtures__/iris-v1.onnx'),
    input: 'float_input',
    width: 4,
    rows: 1,
    runs: 20000,
  },
  {
    name: 'iris, 64 rows',
    file: join(ROOT, 'serving/__fixtures__/iris-v1.onnx'),
    input: 'float_input',
    width: 4,
    rows: 64,
    runs: 20000,
  },
  { name: '4×512 dense, 1 row', file: heavy, input: 'x', width: 512, rows: 1, runs: 2000 },
  { name: '4×512 dense, 64 rows', file: heavy, input: 'x', width: 512, rows: 64, runs: 300 },
];

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(${JSON.stringify(join(ROOT, 'node_modules/onnxruntime-node'))});
(async () => {
  const session = await ort.InferenceSession.create(workerData.file, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  parentPort.on('message', async ({ id, data, dims }) => {
    const out = await session.run({ [workerData.input]: new ort.Tensor('float32', data, dims) });
    const first = out[session.outputNames[0]];
    parentPort.postMessage({ id, data: first.data, dims: first.dims }, [first.data.buffer]);
  });
  parentPort.postMessage('ready');
})();`;

async function measureMain(c) {
  const session = await ort.InferenceSession.create(c.file, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const data = new Float32Array(c.rows * c.width).fill(0.5);
  for (let i = 0; i < 50; i++)
    await session.run({ [c.input]: new ort.Tensor('float32', data, [c.rows, c.width]) });
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  for (let i = 0; i < c.runs; i++)
    await session.run({ [c.input]: new ort.Tensor('float32', data, [c.rows, c.width]) });
  const wall = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0);
  await session.release();
  return { perSecond: (c.runs / wall) * 1000, mainUs: ((elu.utilization * wall) / c.runs) * 1000 };
}

async function measureWorkers(c) {
  const pool = await Promise.all(
    Array.from(
      { length: WORKERS },
      () =>
        new Promise((resolve) => {
          const w = new Worker(workerSource, {
            eval: true,
            workerData: { file: c.file, input: c.input },
          });
          w.once('message', () => resolve(w));
        }),
    ),
  );
  const data = new Float32Array(c.rows * c.width).fill(0.5);
  let next = 0;
  const pending = new Map();
  for (const w of pool)
    w.on('message', (m) => {
      pending.get(m.id)();
      pending.delete(m.id);
    });
  const run = (w) =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      w.postMessage({ id, data, dims: [c.rows, c.width] });
    });
  // Two in flight per worker keeps every worker busy.
  const drive = async (runs) => {
    let left = runs;
    await Promise.all(
      pool.flatMap((w) =>
        [0, 1].map(async () => {
          while (left-- > 0) await run(w);
        }),
      ),
    );
  };
  await drive(100);
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  await drive(c.runs);
  const wall = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0);
  await Promise.all(pool.map((w) => w.terminate()));
  return { perSecond: (c.runs / wall) * 1000, mainUs: ((elu.utilization * wall) / c.runs) * 1000 };
}

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}, onnxruntime-node ${ort.env.versions.node}, ${WORKERS} worker threads\n`,
);

// Is session.run asynchronous? Issue 2,000 runs without awaiting and count how often a
// 0 ms interval fires before they have all resolved: if the native work ran on a thread
// pool, the event loop would tick many times meanwhile.
{
  const session = await ort.InferenceSession.create(cases[0].file, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const x = new ort.Tensor('float32', new Float32Array(4).fill(0.5), [1, 4]);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const t0 = performance.now();
  const pending = Array.from({ length: 2000 }, () => session.run({ float_input: x }));
  const issued = performance.now() - t0;
  await Promise.all(pending);
  clearInterval(timer);
  console.log(
    `session.run × 2000 without awaiting: ${issued.toFixed(1)} ms to issue them, event-loop ticks before all resolved: ${ticks} → ${ticks <= 2 ? 'the inference runs synchronously on the calling thread' : 'runs overlap the event loop (thread pool)'}\n`,
  );
  await session.release();
}

console.log(
  '| model, batch | main thread runs/s | main-thread µs per run | worker threads runs/s | main-thread µs per run | workers ÷ main (throughput) |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const c of cases) {
  const main = await measureMain(c);
  const workers = await measureWorkers(c);
  console.log(
    `| ${c.name} | ${main.perSecond.toFixed(0)} | ${main.mainUs.toFixed(1)} | ${workers.perSecond.toFixed(0)} | ${workers.mainUs.toFixed(1)} | ${(workers.perSecond / main.perSecond).toFixed(2)}× |`,
  );
}
rmSync(work, { recursive: true, force: true });
