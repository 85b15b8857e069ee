/**
 * The history branch read through the REST API (the bot has no checkout to fetch it
 * into): when a baseline's artifact has expired, its record comes from the branch that
 * `cd4ml history push` writes (docs/tracking.md). Bounded: the branch's `index.json` (one
 * request per event), then at most `MATCHES` run files to find the candidate's record and
 * at most `historyLength` more for its trend, all through the contents API (raw). Every
 * answer is parsed: the index with its Zod schema, each record with the run record's caps
 * for hostile input; an id that is not a run id is never turned into a path.
 */
import { Cd4mlError } from '../core/errors.js';
import { inTrendOf, standsFor, type HistoryFallback } from '../core/history-branch/fallback.js';
import {
  HistoryIndex,
  INDEX_FILE,
  RUN_ID,
  indexEntry,
  runFile,
  type IndexEntry,
} from '../core/history-branch/layout.js';
import { parseRunRecord } from '../core/run-record/parse.js';
import type { RunRecord } from '../core/run-record/schema.js';
import { parseJson } from '../core/yaml/limits.js';
import * as z from '../core/yaml/zod.js';
import type { GitHubClient } from './client.js';
import { httpStatus } from './errors.js';
import type { Repo } from './repo.js';

/** Run files read to find the one record standing for a candidate (newest first). */
const MATCHES = 3;
/** The index is one short line per run: 8 MiB is far past 10,000 runs. */
const MAX_INDEX_BYTES = 8 * 1024 * 1024;

export interface RestHistoryOptions {
  github: GitHubClient;
  repo: Repo;
  /** Default `cd4ml-history`. */
  branch?: string;
  /** Earlier runs carried as the found run's trend (one request each). Default 10. */
  historyLength?: number;
}

/** The history branch as the baseline search's fallback, through the contents API. */
export function restHistoryFallback(options: RestHistoryOptions): HistoryFallback {
  const branch = options.branch ?? 'cd4ml-history';
  const historyLength = options.historyLength ?? 10;
  let index: Promise<IndexEntry[]> | undefined;
  const records = new Map<string, Promise<RunRecord | null>>();
  const read = (path: string) => readRaw(options.github, options.repo, branch, path);
  const record = (id: string) => {
    let found = records.get(id);
    if (!found) {
      found = read(runFile(id)).then((text) =>
        text === null ? null : parseRunRecord(text, `${branch}:${runFile(id)}`),
      );
      records.set(id, found);
    }
    return found;
  };
  return {
    branch,
    async find(candidate) {
      const entries = await (index ??= readIndex(read, branch));
      const matches = entries.filter((entry) => standsFor(entry, candidate)).slice(-MATCHES);
      let found: RunRecord | null = null;
      for (const entry of matches.reverse()) {
        const run = await record(entry.id);
        // The file must agree with the index: the record is what the gate trusts.
        if (!run || run.id !== entry.id || !standsFor(indexEntry(run), candidate)) continue;
        found ??= run;
        if (!candidate.url || run.ci?.runUrl === candidate.url) {
          found = run;
          break;
        }
      }
      if (!found) return null;
      const base = found;
      const trend = entries.filter((entry) => entry.id !== base.id && inTrendOf(entry, base));
      const earlier = await Promise.all(
        trend.slice(-Math.max(0, historyLength - 1)).map((entry) => record(entry.id)),
      );
      return {
        record: base,
        dir: null,
        earlier: [...earlier.filter((run): run is RunRecord => run !== null), base],
      };
    },
  };
}

async function readIndex(
  read: (path: string) => Promise<string | null>,
  branch: string,
): Promise<IndexEntry[]> {
  const text = await read(INDEX_FILE);
  const where = `${branch}:${INDEX_FILE}`;
  if (text === null) {
    throw new Cd4mlError('E_IO', `${where} does not exist`, {
      hint: `push runs to the branch first (\`cd4ml history push\`, or the action's \`history-push\` on the default branch)`,
    });
  }
  const parsed = HistoryIndex.safeParse(
    parseJson(text, where, 'E_IO', {
      bytes: MAX_INDEX_BYTES,
      depth: 8,
      values: 2_000_000,
      chars: MAX_INDEX_BYTES,
    }),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Cd4mlError(
      'E_IO',
      `${where} is not a cd4ml history index${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}`,
      { hint: 'the branch holds files cd4ml did not write; see docs/tracking.md' },
    );
  }
  // A hostile index could name `../x`: such entries are not runs, and never paths.
  return parsed.data.runs.filter((entry) => RUN_ID.test(entry.id));
}

/** A file's text on `branch` (the contents API, raw), or null when there is none. */
async function readRaw(
  github: GitHubClient,
  repo: Repo,
  branch: string,
  path: string,
): Promise<string | null> {
  const route = 'GET /repos/{owner}/{repo}/contents/{path}';
  try {
    const { data } = await github.request(route, {
      ...repo,
      path,
      ref: branch,
      mediaType: { format: 'raw' },
    });
    const text = z.string().safeParse(data);
    if (!text.success) {
      throw new Cd4mlError('E_IO', `GitHub's answer to ${route} (${path}) is not the raw file`, {
        hint: 'a GitHub Enterprise Server too old for raw contents, or a proxy rewriting answers',
      });
    }
    return text.data;
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}
