import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { buildDag, selectStages } from '../pipeline/dag.js';
import { loadPipelineCached } from '../pipeline/cached.js';
import { recoverWhatIf, WHAT_IF_JOURNAL } from './params.js';
import { decide, openChecker } from './decide.js';
import { stateDirs } from './state.js';
import { acquireWorkspaceLock, describeHolder, workspaceHolder } from './workspace-lock.js';

export interface StagePlan {
  stage: string;
  /** `blocked`: an upstream stage will run first, so this one will be checked again then. */
  action: 'unchanged' | 'run' | 'restore' | 'blocked';
  reasons: string[];
}

/** What `cd4ml run` would do to each stage, and why; reads the workspace, changes nothing. */
export async function pipelineStatus(
  file: string,
  targets: readonly string[] = [],
  onNotice?: (message: string) => void,
): Promise<StagePlan[]> {
  await recoverInterrupted(dirname(resolve(file)), onNotice);
  const pipeline = await loadPipelineCached(file, stateDirs(dirname(resolve(file))).tmp);
  const { root } = pipeline;
  const dag = buildDag(pipeline, (path) => existsSync(join(root, path)));
  const checker = openChecker(
    root,
    false,
    basename(pipeline.file) === 'dvc.yaml' ? pipeline.stages : undefined,
  );
  const willChange = new Set<string>();
  const statuses: StagePlan[] = [];
  for (const name of selectStages(dag, targets)) {
    const changedUp = [...(dag.upstream.get(name) ?? [])].filter((up) => willChange.has(up));
    const decision = decide(dag.stages.get(name)!, checker);
    if (decision.action !== 'unchanged') {
      willChange.add(name);
      statuses.push({ stage: name, action: decision.action, reasons: decision.reasons });
    } else if (changedUp.length > 0) {
      willChange.add(name);
      statuses.push({
        stage: name,
        action: 'blocked',
        reasons: changedUp.map((up) => `upstream changed: ${up}`),
      });
    } else {
      statuses.push({ stage: name, action: 'unchanged', reasons: decision.reasons });
    }
  }
  return statuses;
}

/**
 * A what-if run killed before it put its params back would make `status` judge the
 * workspace by the what-if values: undo it first, unless a live run holds the workspace
 * (its params are its own business until it ends; status then says a run is going on).
 */
async function recoverInterrupted(
  root: string,
  onNotice: ((message: string) => void) | undefined,
): Promise<void> {
  const holder = workspaceHolder(root);
  if (holder) {
    onNotice?.(`a run is in progress (${describeHolder(holder)}): stages may change as it goes`);
    return;
  }
  if (!existsSync(join(root, WHAT_IF_JOURNAL))) return;
  let lock;
  try {
    lock = await acquireWorkspaceLock(root, { command: 'cd4ml status' });
  } catch {
    return; // A run started meanwhile.
  }
  try {
    for (const note of recoverWhatIf(root)) onNotice?.(note);
  } finally {
    lock.release();
  }
}
