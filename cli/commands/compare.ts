import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { SimpleGit as Git } from 'simple-git';
import type { Comparison } from '../../core/compare/types.js';
import type { GateDecision } from '../../core/policy/evaluate.js';
import type { Policy } from '../../core/policy/schema.js';
import type { RunRecord } from '../../core/run-record/schema.js';
import type { StoredRun } from '../../core/store/local-store.js';
import { EXIT } from '../exit.js';

interface CompareFlags {
  base?: string;
  head?: string;
  policy?: string;
  format: string;
  root: string;
}

/** A run and the directory its attachments (predictions) are read from. */
interface LoadedRun {
  record: RunRecord;
  dir: string;
  /** How it was found, for notes and errors: a file path or `store:<commit>`. */
  source: string;
}

const FORMATS = ['md', 'text', 'json'] as const;

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      'Compare the head run with the base run, apply the gate policy and print the report',
    )
    .option(
      '--base <run.json|git-ref>',
      'base run: a record file, or a git ref whose latest stored run is used (default: the merge-base with the default branch)',
    )
    .option('--head <run.json>', 'head run record (default: the latest run in the local store)')
    .option(
      '--policy <file>',
      'gate policy (default: .github/cd4ml.yml from the base commit, else from the workspace)',
    )
    .option('--format <md|text|json>', 'output: GitHub markdown, terminal text or JSON', 'text')
    .option('--root <dir>', 'workspace root holding .cd4ml/runs', '.')
    .addHelpText('after', '\nExit codes: 0 gate passed or undecided, 1 gate failed, 2 bad input.')
    .action(async (flags: CompareFlags) => {
      const format = FORMATS.find((f) => f === flags.format);
      const { Cd4mlError } = await import('../../core/errors.js');
      if (!format) {
        throw new Cd4mlError('E_USAGE', `unknown --format "${flags.format}"`, {
          location: { file: '<command line>', field: 'format' },
          hint: 'use md, text or json',
        });
      }
      const result = await runCompare(flags);
      process.stdout.write(await render(result, format));
      process.exitCode = result.decision.conclusion === 'failure' ? EXIT.failed : EXIT.ok;
    });
}

interface CompareResult {
  comparison: Comparison;
  decision: GateDecision;
  policy: Policy;
}

async function render(result: CompareResult, format: (typeof FORMATS)[number]): Promise<string> {
  const report = await import('../../core/report/index.js');
  if (format === 'json') return report.renderJson(result.comparison, result.decision);
  if (format === 'md')
    return report.renderReport(
      result.comparison,
      result.decision,
      {},
      { chart: result.policy.report.chart, maxRows: result.policy.report.max_rows },
    );
  const pc = (await import('picocolors')).default;
  const style = { good: pc.green, bad: pc.red, warn: pc.yellow, dim: pc.dim, bold: pc.bold };
  return report.renderText(result.comparison, result.decision, style, {
    maxRows: result.policy.report.max_rows,
  });
}

/** Loads both runs, the policy, the base-branch history and the predictions; compares and gates. */
async function runCompare(flags: Omit<CompareFlags, 'format'>): Promise<CompareResult> {
  const [{ compare }, { evaluatePolicy }] = await Promise.all([
    import('../../core/compare/compare.js'),
    import('../../core/policy/evaluate.js'),
  ]);
  const root = resolve(flags.root);
  const notes: string[] = [];
  const git = await openGit(root);
  // The store is listed (every record read and parsed) at most once, and only if a step needs it.
  const store = () => import('../../core/store/local-store.js');
  const runs = once(async () => (await store()).listRuns(root));
  const head = flags.head ? await loadRunFile(flags.head) : await latestStoredRun(runs);
  const baselines = once(async () =>
    (await store()).baselinesByCommit(await runs(), head.record.id),
  );
  const baseline = await resolveBase(root, git, head, flags.base, baselines, notes);
  const policy = await loadPolicy(root, git, flags.policy, baseline.commit, notes);
  const history = await baseHistory(git, baseline.commit, baselines, policy.report.history);
  const significance = baseline.run
    ? await significanceOf(baseline.run, head, policy, notes)
    : null;
  const comparison = compare(baseline.run?.record ?? null, head.record, policy, {
    history: history.map((run) => run.record),
    significance,
    notes,
  });
  return { comparison, decision: evaluatePolicy(comparison, policy), policy };
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}

/** A file named on the command line; one that cannot be read is bad input (E_USAGE). */
async function readInput(file: string, what: string, hint?: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const { Cd4mlError } = await import('../../core/errors.js');
    throw new Cd4mlError(
      'E_USAGE',
      `cannot read ${what}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { location: { file }, hint },
    );
  }
}

async function loadRunFile(path: string): Promise<LoadedRun> {
  const { parseRunRecord } = await import('../../core/run-record/parse.js');
  const text = await readInput(
    path,
    'run record',
    'pass the cd4ml-run.json a `cd4ml run` wrote (in .cd4ml/runs/<commit>/<id>/) or a downloaded artifact',
  );
  return { record: parseRunRecord(text, path), dir: dirname(resolve(path)), source: path };
}

async function latestStoredRun(runs: () => Promise<StoredRun[]>): Promise<LoadedRun> {
  const { Cd4mlError } = await import('../../core/errors.js');
  const latest = (await runs()).at(-1);
  if (!latest) {
    throw new Cd4mlError('E_USAGE', 'no runs in the local store', {
      location: { file: '.cd4ml/runs' },
      hint: 'run the pipeline first (`cd4ml run`), or pass --head <run.json>',
    });
  }
  return stored(latest);
}

function stored(run: StoredRun): LoadedRun {
  return {
    record: run.record,
    dir: run.dir,
    source: `store:${run.record.git.commit ?? 'no-commit'}/${run.record.id}`,
  };
}

async function openGit(root: string): Promise<Git | null> {
  const { simpleGit } = await import('simple-git');
  const git = simpleGit({ baseDir: root });
  try {
    return (await git.checkIsRepo()) ? git : null;
  } catch {
    return null;
  }
}

async function revParse(git: Git, ref: string): Promise<string | null> {
  try {
    return (await git.raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || null;
  } catch {
    return null;
  }
}

/** `origin/HEAD`'s target, else `main`, else `master`. */
async function defaultBranch(git: Git): Promise<string | null> {
  try {
    const ref = (
      await git.raw(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'])
    ).trim();
    if (ref) return ref;
  } catch {
    // No remote HEAD: a local clone or a fresh repository.
  }
  for (const name of ['main', 'master']) if (await revParse(git, name)) return name;
  return null;
}

async function resolveBase(
  root: string,
  git: Git | null,
  head: LoadedRun,
  base: string | undefined,
  baselines: () => Promise<Map<string, StoredRun>>,
  notes: string[],
): Promise<{ run: LoadedRun | null; commit: string | null }> {
  const { Cd4mlError } = await import('../../core/errors.js');
  if (base && (base.endsWith('.json') || existsSync(base))) {
    const run = await loadRunFile(base);
    return { run, commit: run.record.git.commit };
  }
  if (!git) {
    if (base)
      throw new Cd4mlError(
        'E_USAGE',
        `--base ${base} is not a file, and ${root} is not a git repository to resolve it in`,
        { location: { file: '<command line>', field: 'base' } },
      );
    notes.push('Not a git repository: no baseline to compare with.');
    return { run: null, commit: null };
  }
  let commit: string | null;
  let label: string;
  if (base) {
    commit = await revParse(git, base);
    if (!commit) {
      throw new Cd4mlError(
        'E_USAGE',
        `--base "${base}" is neither a run record file nor a git ref`,
        {
          location: { file: '<command line>', field: 'base' },
          hint: 'pass a path to a cd4ml-run.json, or a branch, tag or commit',
        },
      );
    }
    label = base;
  } else {
    const branch = await defaultBranch(git);
    if (!branch) {
      notes.push('No default branch (origin/HEAD, main or master) to find a baseline on.');
      return { run: null, commit: null };
    }
    const headCommit = head.record.git.commit ?? 'HEAD';
    try {
      commit = (await git.raw(['merge-base', headCommit, branch])).trim() || null;
    } catch {
      commit = null;
    }
    if (!commit) {
      notes.push(`The head commit has no merge-base with ${branch}: no baseline.`);
      return { run: null, commit: null };
    }
    label = `the merge-base with ${branch}`;
  }
  const latest = (await baselines()).get(commit);
  if (latest) return { run: stored(latest), commit };
  // No run of that commit (e.g. on the default branch itself, where the merge-base is the
  // head commit): the nearest earlier commit on its first-parent line that has one.
  const earlier = await nearestEarlierRun(git, commit, baselines);
  if (earlier) {
    const at = earlier.record.git.commit ?? '';
    notes.push(
      `No stored run for ${label} (${commit.slice(0, 7)}); compared with the nearest earlier run, at ${at.slice(0, 7)}.`,
    );
    return { run: stored(earlier), commit: at };
  }
  notes.push(
    `No stored successful run for ${label} (${commit.slice(0, 7)}) or before it: run the pipeline there to get a baseline.`,
  );
  return { run: null, commit };
}

async function nearestEarlierRun(
  git: Git,
  commit: string,
  baselines: () => Promise<Map<string, StoredRun>>,
): Promise<StoredRun | null> {
  const commits = await firstParents(git, commit, 500);
  const { baselinesAlong } = await import('../../core/store/local-store.js');
  return baselinesAlong(commits.slice(1), await baselines(), 1)[0] ?? null;
}

/** `commit` and its first-parent ancestors, newest first; none when git cannot tell. */
async function firstParents(git: Git, commit: string, max: number): Promise<string[]> {
  try {
    return (await git.raw(['rev-list', '--first-parent', `--max-count=${max}`, commit]))
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** The policy: an explicit file, else the base commit's `.github/cd4ml.yml`, else the workspace's, else the default. */
async function loadPolicy(
  root: string,
  git: Git | null,
  file: string | undefined,
  baseCommit: string | null,
  notes: string[],
): Promise<Policy> {
  const [{ parsePolicy, POLICY_PATH }, { defaultPolicy }, { Cd4mlError }] = await Promise.all([
    import('../../core/policy/parse.js'),
    import('../../core/policy/schema.js'),
    import('../../core/errors.js'),
  ]);
  if (file) return parsePolicy(await readInput(file, 'the policy'), file);
  if (git && baseCommit) {
    try {
      const text = await git.show([`${baseCommit}:${POLICY_PATH}`]);
      return parsePolicy(text, `${baseCommit.slice(0, 7)}:${POLICY_PATH}`);
    } catch (error) {
      if (error instanceof Cd4mlError) throw error;
      // Not in the base commit: fall through to the workspace file.
    }
  }
  try {
    const text = await readFile(join(root, POLICY_PATH), 'utf8');
    if (baseCommit) notes.push(`The base commit has no ${POLICY_PATH}; the workspace's was used.`);
    return parsePolicy(text, POLICY_PATH);
  } catch (error) {
    if (error instanceof Cd4mlError) throw error;
  }
  notes.push(`No ${POLICY_PATH}: no gate rules, report only.`);
  return defaultPolicy();
}

/** Latest stored run of each first-parent commit up to the base commit, oldest first. */
async function baseHistory(
  git: Git | null,
  baseCommit: string | null,
  baselines: () => Promise<Map<string, StoredRun>>,
  limit: number,
): Promise<LoadedRun[]> {
  if (!git || !baseCommit || limit === 0) return [];
  const commits = await firstParents(git, baseCommit, Math.max(limit * 5, 100));
  const { baselinesAlong } = await import('../../core/store/local-store.js');
  return baselinesAlong(commits, await baselines(), limit)
    .map(stored)
    .reverse();
}

async function significanceOf(base: LoadedRun, head: LoadedRun, policy: Policy, notes: string[]) {
  if (!base.record.predictions || !head.record.predictions) {
    if (policy.gate.rules.some((rule) => rule.significant)) {
      notes.push(
        `No significance test: ${!base.record.predictions ? 'the base' : 'the head'} run saved no per-example predictions (\`predictions\` in the run record).`,
      );
    }
    return null;
  }
  const { pairedSignificance, parsePredictions } = await import('../../core/stats/predictions.js');
  try {
    const [b, h] = await Promise.all([
      readAttachment(base, base.record.predictions.file),
      readAttachment(head, head.record.predictions.file),
    ]);
    return pairedSignificance(
      parsePredictions(b.text, b.path),
      parsePredictions(h.text, h.path),
      policy.gate.significance,
    );
  } catch (error) {
    notes.push(
      `No significance test: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}.`,
    );
    return null;
  }
}

/** Reads a file a record points to, refusing paths that leave the record's directory. */
async function readAttachment(
  run: LoadedRun,
  file: string,
): Promise<{ path: string; text: string }> {
  const [{ Cd4mlError }, { PREDICTION_LIMITS }] = await Promise.all([
    import('../../core/errors.js'),
    import('../../core/stats/predictions.js'),
  ]);
  const path = resolve(run.dir, file);
  if (!path.startsWith(run.dir + sep)) {
    throw new Cd4mlError(
      'E_RUN_RECORD',
      `predictions path "${file}" leaves the record's directory`,
      { location: { file: run.source, field: 'predictions.file' } },
    );
  }
  if ((await stat(path)).size > PREDICTION_LIMITS.bytes) {
    throw new Cd4mlError('E_RUN_RECORD', 'predictions file is too large', {
      location: { file: path },
    });
  }
  return { path, text: await readFile(path, 'utf8') };
}
