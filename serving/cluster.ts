import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { Registry } from 'prom-client';
import { serveClusterShadow } from './shadow-cluster.js';

/**
 * `--workers N`: N server processes share the port (node:cluster, round-robin: the
 * primary accepts connections and deals them out, so keep-alive clients spread evenly;
 * the kernel's own spreading, SCHED_NONE, piled bursts of connections on one worker).
 * The primary only supervises: restarts a crashed worker, relays SIGTERM/SIGINT
 * for a graceful shutdown, and answers each worker's /metrics with the sum over
 * all workers (prom-client's AggregatorRegistry), so one scrape sees everything.
 *
 * `--workers auto` (the default) forks one worker per CPU the process may use
 * (./available-cpus.ts); with one CPU there is no primary at all.
 */

interface MetricsRequest {
  type: 'cd4ml:metrics';
  id: number;
}
interface MetricsReply {
  type: 'cd4ml:metrics-reply';
  id: number;
  text: string;
}

function isMetricsRequest(m: unknown): m is MetricsRequest {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'cd4ml:metrics';
}
function isMetricsReply(m: unknown): m is MetricsReply {
  return (
    typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'cd4ml:metrics-reply'
  );
}

/**
 * V8 flags for the workers, each added unless the user already set that flag (on the
 * command line or in NODE_OPTIONS):
 * - `--single-threaded-gc`: one worker per CPU keeps every core busy with requests; V8's
 *   parallel GC helpers would only take turns on those same cores. Measured +0.3 to
 *   +4.7 % req/s and 0.2–0.6 µs less CPU per request (single rows, c=256, two workers,
 *   six alternated pairs; docs/benchmarks.md).
 * - `--min-semi-space-size=16` and `--max-semi-space-size=32` (MiB): a request allocates a
 *   few KiB that die with it, and at tens of thousands of requests a second V8's young
 *   generation fills every few tens of milliseconds; each scavenge then copies every
 *   in-flight request's live objects. A larger young generation scavenges less often over
 *   the same live set. The maximum alone is not enough: V8 starts the young generation
 *   small and grows it only when many objects survive, which short-lived requests never
 *   do, so it also needs the minimum (docs/benchmarks.md#serving).
 *
 * The container's ENTRYPOINT passes SERVER_V8_FLAGS to the one process that
 * `CD4ML_WORKERS=1` runs (serving/Dockerfile; dockerfile.test.ts holds the two together).
 * Node does not take `--min-semi-space-size` from NODE_OPTIONS, and V8 reads it only when
 * the process starts, so outside the image a single process has it only when node is
 * started with it.
 */
export const SERVER_V8_FLAGS = ['--min-semi-space-size=16', '--max-semi-space-size=32'] as const;
export const WORKER_V8_FLAGS = ['--single-threaded-gc', ...SERVER_V8_FLAGS] as const;

/** The workers' execArgv: the primary's, plus each of WORKER_V8_FLAGS the user did not set. */
export function workerExecArgv(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = new Set(
    [...execArgv, ...nodeOptions.split(/\s+/)].map((arg) =>
      arg.split('=')[0]!.replaceAll('_', '-'),
    ),
  );
  return [...execArgv, ...WORKER_V8_FLAGS.filter((flag) => !given.has(flag.split('=')[0]!))];
}

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** Runs in the primary: forks and supervises; resolves when every worker has exited. */
export function runPrimary(
  workers: number,
  log: (msg: string, extra?: object) => void,
): Promise<number> {
  cluster.schedulingPolicy = cluster.SCHED_RR;
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });
  const aggregator = new AggregatorRegistry();
  serveClusterShadow();
  let stopping = false;
  const onMessage = (worker: Worker, message: unknown): void => {
    if (!isMetricsRequest(message)) return;
    aggregator.clusterMetrics().then(
      (text) =>
        worker.send({ type: 'cd4ml:metrics-reply', id: message.id, text } satisfies MetricsReply),
      (err: unknown) =>
        worker.send({
          type: 'cd4ml:metrics-reply',
          id: message.id,
          text: `# cluster metrics failed: ${String(err)}\n`,
        } satisfies MetricsReply),
    );
  };
  cluster.on('message', onMessage);
  const fork = (): void => {
    cluster.fork();
  };
  for (let i = 0; i < workers; i++) fork();
  const listening = new Set<number>();
  cluster.on('listening', (worker) => listening.add(worker.id));
  return new Promise<number>((resolve) => {
    let failed = false;
    cluster.on('exit', (worker, code, signal) => {
      if (!stopping && !listening.has(worker.id)) {
        // It never started (port in use, bad repository): restarting would loop forever.
        log('worker failed to start: stopping', { pid: worker.process.pid, code, signal });
        stopping = true;
        failed = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      } else if (!stopping) {
        log('worker exited unexpectedly: starting a new one', {
          pid: worker.process.pid,
          code,
          signal,
        });
        fork();
        return;
      }
      if (code !== 0) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve(failed ? 1 : 0);
    });
    function stop(signal: NodeJS.Signals): void {
      if (stopping) return;
      stopping = true;
      log('relaying shutdown to workers', { signal });
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    }
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

/** In a worker: serve this process's registry to the primary's aggregator, and ask it for the sum. */
export function workerMetrics(registry: Registry): () => Promise<string> {
  // Constructing one installs prom-client's worker-side listener that answers the primary.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
  let next = 0;
  const pending = new Map<number, (text: string) => void>();
  process.on('message', (message: unknown) => {
    if (!isMetricsReply(message)) return;
    pending.get(message.id)?.(message.text);
    pending.delete(message.id);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the cluster primary did not answer the metrics request within 5 s'));
      }, 5000);
      pending.set(id, (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      process.send?.({ type: 'cd4ml:metrics', id } satisfies MetricsRequest);
    });
}
