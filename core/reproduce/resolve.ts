import { existsSync } from 'node:fs';
import type { SimpleGit } from 'simple-git';
import { Cd4mlError } from '../errors.js';
import type { SourcedRun } from '../gate/port.js';
import { loadRunPath, storedRun } from '../gate/local-source.js';
import { representativeRun, type StoredRun } from '../store/local-store.js';

const WHERE = { file: '<command line>', field: 'run' } as const;

/**
 * The run `spec` names: a record file or run artifact (directory or zip), a run id (or a
 * unique prefix of one), or a git revision whose representative stored run is taken.
 * `runs` are the known runs (local store and history branch), oldest first.
 */
export async function resolveRun(
  spec: string,
  runs: readonly StoredRun[],
  git: SimpleGit | null,
): Promise<SourcedRun> {
  if (existsSync(spec)) return loadRunPath(spec);
  const exact = runs.find((run) => run.record.id === spec);
  if (exact) return storedRun(exact);
  const prefixed = dedupe(runs.filter((run) => run.record.id.startsWith(spec)));
  if (prefixed.length > 1) {
    throw new Cd4mlError('E_USAGE', `run id prefix "${spec}" is ambiguous`, {
      location: WHERE,
      hint: `it starts ${prefixed.length} runs: ${prefixed
        .slice(0, 5)
        .map((run) => run.record.id)
        .join(', ')}${prefixed.length > 5 ? ', …' : ''}; give more of the id`,
    });
  }
  const commit = git ? await commitOf(git, spec) : null;
  if (commit) {
    const atCommit = runs.filter((run) => run.record.git.commit === commit);
    const run = representativeRun(atCommit.filter((r) => r.record.status === 'success'));
    if (run ?? atCommit.at(-1)) return storedRun((run ?? atCommit.at(-1)) as StoredRun);
    if (prefixed.length === 0) {
      throw new Cd4mlError('E_USAGE', `no recorded run of commit ${commit.slice(0, 12)}`, {
        location: WHERE,
        hint: 'run `cd4ml history` to see the recorded runs, or `cd4ml history pull` to fetch the history branch',
      });
    }
  }
  const [only] = prefixed;
  if (only) return storedRun(only);
  throw new Cd4mlError('E_USAGE', `unknown run "${spec}": not a file, a run id or a commit`, {
    location: WHERE,
    hint: 'pass a run id (`cd4ml history --format json` lists them), a commit, a cd4ml-run.json or a run artifact; `cd4ml history pull` fetches runs recorded elsewhere',
  });
}

/** The commit a revision names; `E_USAGE` when a short sha is ambiguous; null when it names none. */
async function commitOf(git: SimpleGit, revision: string): Promise<string | null> {
  if (revision.startsWith('-')) return null;
  try {
    // Not --quiet: git says "ambiguous" on stderr, and simple-git only throws with a stderr.
    return (await git.raw(['rev-parse', '--verify', `${revision}^{commit}`])).trim() || null;
  } catch (error) {
    if (/ambiguous/i.test(String(error))) {
      throw new Cd4mlError('E_USAGE', `short sha "${revision}" is ambiguous`, {
        location: WHERE,
        hint: 'give more characters of the commit, or the run id',
      });
    }
    return null;
  }
}

/** One entry per run id (a run in the store and on the history branch is one run). */
function dedupe(runs: readonly StoredRun[]): StoredRun[] {
  return [...new Map(runs.map((run) => [run.record.id, run])).values()];
}
