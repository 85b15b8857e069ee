import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cd4mlError } from '../errors.js';
import type { StoredRun } from '../store/local-store.js';
import { git, runGit } from './git.js';
import {
  BRANCH_README,
  FETCHED_REF,
  HistoryIndex,
  INDEX_FILE,
  INDEX_SCHEMA,
  README_FILE,
  RUN_ID,
  compactRecord,
  indexEntry,
  runFile,
  type IndexEntry,
} from './layout.js';
import { fetchBranch, historyFiles, readBlobs, repositoryOf } from './remote.js';

export interface PushOptions {
  root: string;
  runs: readonly StoredRun[];
  remote: string;
  branch: string;
  /** Attempts after a rejected push (another writer got there first). */
  retries: number;
  /** Added to the environment of git's fetch and push (credentials as `GIT_CONFIG_*`). */
  gitEnv?: Record<string, string>;
}

export interface PushResult {
  /** Runs this push added to the branch. */
  added: number;
  /** Runs on the branch afterwards. */
  total: number;
  /** Pushes tried (1 when nobody raced us). */
  attempts: number;
}

/** Another writer landed first (locally seen, or the server's ref moved under it): merge and retry. */
const RACE =
  /\[rejected\]|fetch first|non-fast-forward|failed to update ref|cannot lock ref|incorrect old value/i;
/** The remote refuses this push whatever we do: a hook, a branch rule, the token's rights. */
const DECLINED =
  /\[remote rejected\]|hook declined|protected branch|GH0\d\d|permission to \S+ denied|403/i;
/** Waits before retrying a failure that may pass (the network, the server): 1 s, then 2 s. */
export const TRANSIENT_WAITS_MS = [1000, 2000] as const;

/**
 * Appends the runs the branch lacks (compact: no predictions) as `runs/<id>.json` and
 * updates `index.json`, in a commit built with git plumbing and a private index file (the
 * user's index and work tree are not touched), then pushes. A rejected push means another
 * writer landed first: fetch their tip, add ours on top of it (the branch only gains
 * files, so this is the merge) and try again, at most `retries` more times. A fetch or
 * push that fails otherwise (the network, the server) is tried again after each of
 * `TRANSIENT_WAITS_MS`; one the remote declines (a hook, a branch rule, a token without
 * `contents: write`) is not retried. Every failure is an `E_IO` with git's own words.
 */
export async function pushHistory(
  options: PushOptions,
  waits: readonly number[] = TRANSIENT_WAITS_MS,
): Promise<PushResult> {
  const repo = await repositoryOf(options.root);
  let transient = 0;
  const again = async (error: Cd4mlError): Promise<void> => {
    const wait = waits[transient++];
    if (wait === undefined) {
      throw new Cd4mlError('E_IO', `${error.message.split('\n')[0]} (tried ${transient} times)`, {
        hint: 'the remote could not be reached or failed: check the remote URL and try again (cd4ml history push)',
        cause: error,
      });
    }
    await new Promise((done) => setTimeout(done, wait));
  };
  let attempts = 0;
  while (attempts <= options.retries) {
    let tip: string | null;
    try {
      tip = await fetchBranch(repo, options.remote, options.branch, options.gitEnv);
    } catch (error) {
      if (!(error instanceof Cd4mlError) || error.code !== 'E_IO') throw error;
      await again(error);
      continue;
    }
    const files = tip ? await historyFiles(repo, tip, options.branch) : [];
    const present = new Set(files);
    const fresh = options.runs.filter(
      (run) => RUN_ID.test(run.record.id) && !present.has(runFile(run.record.id)),
    );
    const total = files.filter((file) => file.startsWith('runs/')).length + fresh.length;
    if (fresh.length === 0) return { added: 0, total, attempts };
    const index = tip ? await readIndex(repo, tip, present) : [];
    const commit = await commitRuns(repo, tip, fresh, index, !present.has(README_FILE));
    attempts++;
    const pushed = await runGit(
      repo,
      ['push', '--porcelain', options.remote, `${commit}:refs/heads/${options.branch}`],
      options.gitEnv ? { env: options.gitEnv } : {},
    );
    if (pushed.ok) {
      await git(repo, ['update-ref', FETCHED_REF, commit]);
      return { added: fresh.length, total, attempts };
    }
    const said = pushed.stdout + pushed.stderr;
    if (RACE.test(said)) continue;
    const message = `cannot push ${options.branch} to ${options.remote}: ${gitWords(said)}`;
    if (DECLINED.test(said)) {
      throw new Cd4mlError('E_IO', `${message} (the remote declined it; not retried)`, {
        hint: `let this token push to ${options.branch}: it needs contents: write, and no hook, branch protection or ruleset may refuse it`,
      });
    }
    await again(new Cd4mlError('E_IO', message));
  }
  throw new Cd4mlError(
    'E_IO',
    `gave up pushing ${options.branch} after ${attempts} rejected attempts`,
    {
      hint: 'other writers kept landing first; run cd4ml history push again',
    },
  );
}

/** What the remote said and the refusal, on one line (`remote: …; [remote rejected] (…)`). */
function gitWords(output: string): string {
  const lines = output.split('\n').map((line) => line.trim());
  const remote = lines.filter((line) => line.startsWith('remote:'));
  // --porcelain: `!<TAB>src:dst<TAB>[rejected] (reason)` for a refused ref.
  const refused = lines.flatMap((line) =>
    line.startsWith('!') ? [line.split('\t').at(-1) ?? ''] : [],
  );
  const other = lines.filter(
    (line) => /^(fatal|error):/.test(line) && !/failed to push some refs/.test(line),
  );
  return [...remote, ...refused, ...other].join('; ') || 'no message';
}

async function readIndex(
  repo: string,
  tip: string,
  present: ReadonlySet<string>,
): Promise<IndexEntry[]> {
  if (!present.has(INDEX_FILE)) return [];
  const text = (await readBlobs(repo, tip, [INDEX_FILE], 64 * 1024 * 1024)).get(INDEX_FILE);
  try {
    return HistoryIndex.parse(JSON.parse(text ?? 'null')).runs;
  } catch {
    // A damaged index is rebuilt from what this push adds; the run files are the truth.
    return [];
  }
}

/** A commit on top of `tip` holding its tree plus `runs`, the merged index and (first time) the README. */
async function commitRuns(
  repo: string,
  tip: string | null,
  runs: readonly StoredRun[],
  index: readonly IndexEntry[],
  withReadme: boolean,
): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'cd4ml-history-'));
  try {
    const env = { GIT_INDEX_FILE: join(scratch, 'index'), ...(await identity(repo)) };
    await git(repo, tip ? ['read-tree', tip] : ['read-tree', '--empty'], { env });
    const entries = new Map(index.map((entry) => [entry.id, entry]));
    const files: [string, string][] = runs.map((run) => {
      entries.set(run.record.id, indexEntry(run.record));
      return [runFile(run.record.id), `${JSON.stringify(compactRecord(run.record))}\n`];
    });
    const sorted = [...entries.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    files.push([
      INDEX_FILE,
      `${JSON.stringify({ schema: INDEX_SCHEMA, runs: sorted }, null, 1)}\n`,
    ]);
    if (withReadme) files.push([README_FILE, BRANCH_README]);
    const paths = files.map(([, text], i) => {
      const path = join(scratch, `blob-${i}`);
      writeFileSync(path, text);
      return path;
    });
    const blobs = (
      await git(repo, ['hash-object', '-w', '--stdin-paths'], { input: `${paths.join('\n')}\n` })
    )
      .trim()
      .split('\n');
    const info = files.map(([name], i) => `100644 ${blobs[i]}\t${name}`).join('\n');
    await git(repo, ['update-index', '--add', '--index-info'], { env, input: `${info}\n` });
    const tree = (await git(repo, ['write-tree'], { env })).trim();
    const message = `cd4ml history: ${runs.length} run(s)\n\n${runs.map((run) => run.record.id).join('\n')}\n`;
    return (
      await git(repo, ['commit-tree', tree, ...(tip ? ['-p', tip] : []), '-F', '-'], {
        env,
        input: message,
      })
    ).trim();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The user's git identity, else cd4ml's (a CI runner has none configured). */
async function identity(repo: string): Promise<Record<string, string>> {
  if ((await runGit(repo, ['config', 'user.email'])).stdout.trim() !== '') return {};
  const name = process.env.GITHUB_ACTIONS === 'true' ? 'github-actions[bot]' : 'cd4ml';
  const email =
    process.env.GITHUB_ACTIONS === 'true'
      ? '41898282+github-actions[bot]@users.noreply.github.com'
      : 'cd4ml@users.noreply.github.com';
  return {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
  };
}
