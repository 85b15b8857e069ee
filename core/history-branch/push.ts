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

/**
 * Appends the runs the branch lacks (compact: no predictions) as `runs/<id>.json` and
 * updates `index.json`, in a commit built with git plumbing and a private index file (the
 * user's index and work tree are not touched), then pushes. A rejected push means another
 * writer landed first: fetch their tip, add ours on top of it (the branch only gains
 * files, so this is the merge) and try again, at most `retries` more times.
 */
export async function pushHistory(options: PushOptions): Promise<PushResult> {
  const repo = await repositoryOf(options.root);
  for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
    const tip = await fetchBranch(repo, options.remote, options.branch, options.gitEnv);
    const files = tip ? await historyFiles(repo, tip, options.branch) : [];
    const present = new Set(files);
    const fresh = options.runs.filter(
      (run) => RUN_ID.test(run.record.id) && !present.has(runFile(run.record.id)),
    );
    const total = files.filter((file) => file.startsWith('runs/')).length + fresh.length;
    if (fresh.length === 0) return { added: 0, total, attempts: attempt - 1 };
    const index = tip ? await readIndex(repo, tip, present) : [];
    const commit = await commitRuns(repo, tip, fresh, index, !present.has(README_FILE));
    const pushed = await runGit(
      repo,
      ['push', '--porcelain', options.remote, `${commit}:refs/heads/${options.branch}`],
      options.gitEnv ? { env: options.gitEnv } : {},
    );
    if (pushed.ok) {
      await git(repo, ['update-ref', FETCHED_REF, commit]);
      return { added: fresh.length, total, attempts: attempt };
    }
    if (
      !/rejected|fetch first|non-fast-forward|failed to update ref|cannot lock ref/i.test(
        pushed.stdout + pushed.stderr,
      )
    ) {
      throw new Cd4mlError(
        'E_IO',
        `cannot push ${options.branch} to ${options.remote}: ${pushed.stderr.trim()}`,
        {
          hint: 'check your credentials: the token needs contents: write on this branch',
        },
      );
    }
  }
  throw new Cd4mlError(
    'E_IO',
    `gave up pushing ${options.branch} after ${options.retries + 1} rejected attempts`,
    {
      hint: 'other writers kept landing first; run cd4ml history push again',
    },
  );
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
