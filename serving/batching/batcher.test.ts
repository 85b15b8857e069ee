import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.js';
import type { Feeds, RunFn } from './batcher.js';

/** A fake model: y = 2x per row, x of shape [n, 2]; records the batch sizes it ran. */
function fakeModel(fail?: (x: Float32Array) => boolean) {
  const runs: number[] = [];
  const run: RunFn = (feeds) => {
    const x = feeds.x!;
    runs.push(x.dims[0]!);
    if (fail?.(x.data as Float32Array)) return Promise.reject(new Error('bad row'));
    return Promise.resolve({
      y: { type: 'float32', dims: x.dims, data: (x.data as Float32Array).map((v) => v * 2) },
    });
  };
  return { run, runs };
}

const feeds = (...rows: number[][]): Feeds => ({
  x: { type: 'float32', dims: [rows.length, 2], data: Float32Array.from(rows.flat()) },
});
const values = (o: { y: { data: ArrayLike<unknown>; start: number; end: number } }) =>
  Array.from(o.y.data as Float32Array).slice(o.y.start, o.y.end);

describe('Batcher', () => {
  it('runs requests that arrive together as one batch and slices outputs back', async () => {
    const model = fakeModel();
    const batcher = new Batcher(model.run, { maxBatchSize: 64, maxQueueDelayUs: 0 });
    const results = await Promise.all([
      batcher.submit(feeds([1, 2]), 1),
      batcher.submit(feeds([3, 4], [5, 6]), 2),
      batcher.submit(feeds([7, 8]), 1),
    ]);
    expect(model.runs).toEqual([4]);
    expect(results.map((r) => values(r as never))).toEqual([
      [2, 4],
      [6, 8, 10, 12],
      [14, 16],
    ]);
    expect(results[1].y!.dims).toEqual([2, 2]);
  });

  it('never exceeds the max batch size', async () => {
    const model = fakeModel();
    const batcher = new Batcher(model.run, { maxBatchSize: 4, maxQueueDelayUs: 0 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.submit(feeds([i, i]), 1)));
    expect(model.runs).toEqual([4, 4, 2]);
  });

  it('waits up to the queue delay for more requests', async () => {
    const model = fakeModel();
    const batcher = new Batcher(model.run, { maxBatchSize: 64, maxQueueDelayUs: 20_000 });
    const first = batcher.submit(feeds([1, 1]), 1);
    // A later turn of the event loop, yet before any timer: a 2 ms timer could fire after the 20 ms one on a loaded machine.
    await new Promise((r) => setImmediate(r));
    const second = batcher.submit(feeds([2, 2]), 1);
    await Promise.all([first, second]);
    expect(model.runs).toEqual([2]);
  });

  it('isolates a failing request from the rest of its batch', async () => {
    const model = fakeModel((x) => x.includes(-1));
    const batcher = new Batcher(model.run, { maxBatchSize: 64, maxQueueDelayUs: 0 });
    const results = await Promise.allSettled([
      batcher.submit(feeds([1, 1]), 1),
      batcher.submit(feeds([-1, -1]), 1),
      batcher.submit(feeds([3, 3]), 1),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('switches itself off when outputs are not batch-aligned', async () => {
    let reason = '';
    const run: RunFn = (f) =>
      Promise.resolve({
        total: {
          type: 'float32',
          dims: [1],
          data: Float32Array.of((f.x!.data as Float32Array).reduce((a, b) => a + b, 0)),
        },
      });
    const batcher = new Batcher(run, {
      maxBatchSize: 64,
      maxQueueDelayUs: 0,
      onUnbatchable: (r) => (reason = r),
    });
    const [a, b] = await Promise.all([
      batcher.submit(feeds([1, 2]), 1),
      batcher.submit(feeds([3, 4]), 1),
    ]);
    expect(Array.from(a.total!.data as Float32Array)).toEqual([3]);
    expect(Array.from(b.total!.data as Float32Array)).toEqual([7]);
    expect(reason).toMatch(/output 'total' has first dimension 1 for a batch of 2 rows/);
  });

  it('calls whenFlushed waiters right after the waiting batch starts, and refuses when none waits', async () => {
    const model = fakeModel();
    const batcher = new Batcher(model.run, { maxBatchSize: 64, maxQueueDelayUs: 0 });
    const order: string[] = [];
    expect(batcher.whenFlushed(() => order.push('never'))).toBe(false);
    const answered = batcher.submit(feeds([1, 2]), 1).then(() => order.push('answered'));
    expect(batcher.whenFlushed(() => order.push(`flushed after ${model.runs.join()}`))).toBe(true);
    await answered;
    expect(order).toEqual(['flushed after 1', 'answered']);
  });
});
