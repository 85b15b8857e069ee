import type { Dag } from '../pipeline/dag.js';
import type { Stage } from '../pipeline/model.js';

/** How a scheduled stage ended: `ok` releases its downstream, `bad` skips it. */
export type Settled = 'ok' | 'bad';

export interface ScheduleOptions {
  dag: Dag;
  /** The stages to run, in execution order (a topological order of the DAG). */
  selected: readonly string[];
  jobs: number;
  /** Keep starting stages that do not depend on a failure. */
  keepGoing: boolean;
  /**
   * Runs one stage and says how it ended; `settle` must be called exactly once, as soon as
   * the outcome is known (the scheduler then starts what that unblocked), before any slower
   * bookkeeping the stage still does.
   */
  execute: (stage: Stage, settle: (how: Settled) => void) => Promise<void>;
  /** A stage that will not run: a dependency failed, or the run stopped. */
  skip: (name: string, reason: string) => void;
}

/**
 * Starts stages in dependency order, up to `jobs` at once. A failure stops new stages
 * (unless `keepGoing`); running ones finish; dependents of a failure are skipped. Resolves
 * once nothing runs and nothing more can start.
 */
export async function schedule(opts: ScheduleOptions): Promise<void> {
  const { dag, selected, jobs } = opts;
  const selectedSet = new Set(selected);
  const state = new Map<string, 'pending' | 'running' | Settled>(
    selected.map((name) => [name, 'pending']),
  );
  // Ready stages in execution order, and how many selected upstreams each stage still
  // waits for: finishing a stage touches only its downstream, never the whole DAG.
  const position = new Map(selected.map((name, i) => [name, i]));
  const waitingFor = new Map(
    selected.map((name) => [
      name,
      [...(dag.upstream.get(name) ?? [])].filter((up) => selectedSet.has(up)).length,
    ]),
  );
  const ready = selected.filter((name) => waitingFor.get(name) === 0);
  let running = 0;
  let firstFailure: string | undefined;

  await new Promise<void>((resolveAll) => {
    const skip = (name: string, reason: string): void => {
      state.set(name, 'bad');
      opts.skip(name, reason);
    };
    const release = (name: string): void => {
      for (const down of dag.downstream.get(name) ?? []) {
        if (!selectedSet.has(down)) continue;
        const left = (waitingFor.get(down) ?? 0) - 1;
        waitingFor.set(down, left);
        if (left === 0 && state.get(down) === 'pending') {
          ready.push(down);
          ready.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
        }
      }
    };
    const skipDownstream = (name: string): void => {
      for (const down of dag.downstream.get(name) ?? []) {
        if (!selectedSet.has(down) || state.get(down) !== 'pending') continue;
        skip(down, `upstream stage '${name}' did not succeed`);
        skipDownstream(down);
      }
    };
    const settle = (name: string, how: Settled): void => {
      state.set(name, how);
      if (how === 'bad') {
        firstFailure ??= name;
        skipDownstream(name);
      } else release(name);
      running -= 1;
      next();
    };
    const next = (): void => {
      while (running < jobs && ready.length > 0 && (firstFailure === undefined || opts.keepGoing)) {
        const name = ready.shift()!;
        state.set(name, 'running');
        running += 1;
        let settled = false;
        void opts.execute(dag.stages.get(name)!, (how) => {
          if (settled) return;
          settled = true;
          settle(name, how);
        });
      }
      if (running === 0) {
        for (const name of selected)
          if (state.get(name) === 'pending')
            skip(name, `not started: the run stopped after '${firstFailure ?? '?'}' failed`);
        resolveAll();
      }
    };
    next();
  });
}
