import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import { mergeShadowCounts, summarizeShadow } from '../core/shadow/summary.js';
import type { ShadowCounts, ShadowSummary } from '../core/shadow/summary.js';
import type { Shadow } from './shadow.js';

/**
 * `/shadow` over `--workers N`: each worker mirrors the requests it answered, so the one
 * that answers `/shadow` asks the primary, which collects every live worker's counts and
 * hands back their merge (the sums, and the quantiles over all workers' latency samples).
 * A worker that does not answer within the deadline is left out, and `workers` says how
 * many were summed. A worker that crashed and was restarted starts from zero.
 */

type Message =
  | { type: 'cd4ml:shadow'; id: number; model: string }
  | { type: 'cd4ml:shadow-collect'; id: number; model: string }
  | { type: 'cd4ml:shadow-counts'; id: number; counts: ShadowCounts | null }
  | { type: 'cd4ml:shadow-reply'; id: number; counts: ShadowCounts | null };

const COLLECT_MS = 2000;

function isMessage(m: unknown): m is Message {
  const type = (m as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('cd4ml:shadow');
}

/** In the primary: answers a worker's `/shadow` request with every worker's counts merged. */
export function serveClusterShadow(): void {
  let next = 0;
  const collecting = new Map<number, (counts: ShadowCounts | null) => void>();
  cluster.on('message', (from: Worker, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'cd4ml:shadow-counts') collecting.get(message.id)?.(message.counts);
    if (message.type !== 'cd4ml:shadow') return;
    const id = next++;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w?.isConnected());
    const parts: ShadowCounts[] = [];
    let answered = 0;
    const finish = (): void => {
      clearTimeout(timer);
      collecting.delete(id);
      const [first, ...rest] = parts;
      const counts = first ? mergeShadowCounts(first, rest) : null;
      from.send({ type: 'cd4ml:shadow-reply', id: message.id, counts } satisfies Message);
    };
    const timer = setTimeout(finish, COLLECT_MS);
    collecting.set(id, (counts) => {
      if (counts) parts.push(counts);
      if (++answered === workers.length) finish();
    });
    const collect = { type: 'cd4ml:shadow-collect', id, model: message.model } satisfies Message;
    for (const w of workers) w?.send(collect);
  });
}

/** In a worker: hands the primary its counts, and fetches the merge of all workers'. */
export function clusterShadow(shadow: Shadow): (model: string) => Promise<ShadowSummary> {
  let next = 0;
  const pending = new Map<number, (counts: ShadowCounts | null) => void>();
  process.on('message', (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'cd4ml:shadow-collect')
      process.send?.({
        type: 'cd4ml:shadow-counts',
        id: message.id,
        counts: shadow.counts(message.model),
      } satisfies Message);
    if (message.type === 'cd4ml:shadow-reply') pending.get(message.id)?.(message.counts);
  });
  return (model) =>
    new Promise<ShadowSummary>((resolve, reject) => {
      const id = next++;
      const done = (counts: ShadowCounts | null): void => {
        clearTimeout(timer);
        pending.delete(id);
        try {
          resolve(counts ? summarizeShadow(counts) : shadow.summary(model));
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      };
      // The primary answers within COLLECT_MS; past twice that, this worker's own share.
      const timer = setTimeout(() => done(null), 2 * COLLECT_MS);
      pending.set(id, done);
      process.send?.({ type: 'cd4ml:shadow', id, model } satisfies Message);
    });
}
