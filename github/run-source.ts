/**
 * The gate's `RunSource` over GitHub's REST API, for the actions and the bot alike: data
 * access only (the rule is core/gate/baseline.ts). Runs are looked up by what GitHub
 * indexes, so a busy repository costs what a quiet one does:
 * - the runs at a commit: the pipeline workflow's runs filtered by `head_sha`, `branch`,
 *   `event=push`, `status=success` (one request); further first parents are answered from
 *   one listing of the branch's newest successful push runs (one request, 100 runs);
 * - a run's record: that run's artifacts by name (newest, unexpired), then its zip;
 * - first parents: one page of `/commits` (up to 100); the merge-base: one `/compare`.
 * Trust comes from GitHub's fields (`head_repository`, `event`, `head_branch`), never from
 * the artifact; the rule checks the record agrees. Requests are counted and capped
 * (`maxRequests`); `searched()` says what was looked at, for the report.
 */
import type { CandidateRun, RunSource } from '../core/gate/port.js';
import type { GitHubClient } from './client.js';
import type { RunSourceCache } from './cache.js';
import type { Repo } from './repo.js';
import { readRunArtifact, type ArtifactRead, type ZipRunReader } from './run-artifacts.js';
import {
  MAX_FILE_BYTES,
  compareBase,
  firstParentsOf,
  readFileAt,
  type CountedCall,
} from './run-history.js';
import { WorkflowRuns, parse, type WorkflowRun } from './schemas.js';

export type { ZipRunReader } from './run-artifacts.js';

export interface GitHubRunSourceOptions {
  github: GitHubClient;
  repo: Repo;
  /** `owner/name`: runs count as this repository's when their head repository is it. */
  fullName: string;
  /** The workflow that runs the pipeline on push (file name or id); absent: any workflow. */
  workflow?: string | number;
  /** The run artifact's name. Default `cd4ml-run`. */
  artifactName?: string;
  readZip: ZipRunReader;
  /** Zips bigger than this are not downloaded. Default 64 MiB. */
  maxZipBytes?: number;
  /** Policy and other files bigger than this are refused. Default 256 KiB. */
  maxFileBytes?: number;
  /** API requests the baseline search may make (files and the head run not counted). Default 8. */
  maxRequests?: number;
  /** A file in the checkout (the actions); absent: no workspace fallback (the bot). */
  workspaceFile?: (path: string) => Promise<string | null>;
  /** Answers kept across events (the bot's process): only what cannot change. */
  cache?: RunSourceCache;
}

const SHA = /^[0-9a-f]{40}$/;

/** A workflow run as a candidate, with its id. */
export interface RunCandidate extends CandidateRun {
  runId: number;
}

export interface GitHubRunSource extends RunSource {
  /** Reads workflow run `runId`'s run artifact (the head run): the run, or why there is none. */
  readWorkflowRun(runId: number): Promise<ArtifactRead>;
  /** API requests the baseline search made so far. */
  readonly requests: number;
  /** A file at a commit read another way (the bot's GraphQL request): `fileAt` answers it. */
  knowFile(commit: string, path: string, text: string | null): void;
}

const DEFAULT_ARTIFACT = 'cd4ml-run';

/** The source's API calls, counted and capped at `maxRequests` (uncounted calls pass). */
function countedCaller(github: GitHubClient, repo: Repo, maxRequests: number) {
  let requests = 0;
  const call: CountedCall = async (route, parameters, counted = true) => {
    if (counted) {
      if (requests >= maxRequests) return null;
      requests++;
    }
    return github.request(route, { ...repo, ...parameters });
  };
  return { call, count: () => requests };
}

/** A workflow run as the rule's candidate; `fullName` decides whether it is this repository's. */
function toCandidate(run: WorkflowRun, fullName: string): RunCandidate {
  const attempt = run.run_attempt && run.run_attempt > 1 ? ` (attempt ${run.run_attempt})` : '';
  return {
    runId: run.id,
    label: `workflow run ${run.id}${attempt}`,
    commit: run.head_sha,
    branch: run.head_branch,
    event: run.event,
    succeeded: run.status === 'completed' && run.conclusion === 'success',
    sameRepository: run.head_repository?.full_name === fullName,
    createdAt: run.created_at ?? '',
    ...(run.html_url ? { url: run.html_url } : {}),
  };
}

/**
 * `candidateRuns`: the first two commits asked about (the merge-base, and a second one) by
 * `head_sha`; the rest from one listing of the branch's newest successful push runs.
 * `lookedAt` lists every commit asked about, for `searched()`.
 */
function candidateLookup(options: GitHubRunSourceOptions, call: CountedCall) {
  const { workflow, fullName } = options;
  const runsRoute =
    workflow === undefined
      ? 'GET /repos/{owner}/{repo}/actions/runs'
      : 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
  const listRuns = async (filter: Record<string, unknown>): Promise<WorkflowRun[]> => {
    const response = await call(runsRoute, {
      ...(workflow === undefined ? {} : { workflow_id: workflow }),
      event: 'push',
      status: 'success',
      ...filter,
      per_page: 100,
    });
    return response ? parse(WorkflowRuns, response.data, runsRoute).workflow_runs : [];
  };
  let exact = 0;
  let branchListing: { branch: string | null; runs: Promise<WorkflowRun[]> } | undefined;
  const lookedAt: string[] = [];
  const candidateRuns: RunSource['candidateRuns'] = async (commit, branch) => {
    lookedAt.push(commit);
    if (exact < 2 && !branchListing) {
      exact++;
      const runs = await listRuns({ head_sha: commit, ...(branch ? { branch } : {}) });
      return runs.map((run) => toCandidate(run, fullName));
    }
    if (!branchListing || branchListing.branch !== branch) {
      branchListing = { branch, runs: listRuns(branch ? { branch } : {}) };
    }
    const runs = (await branchListing.runs).filter((r) => r.head_sha === commit);
    return runs.map((run) => toCandidate(run, fullName));
  };
  return { candidateRuns, lookedAt };
}

/** `make()` once per `key` in `map` (one event); with `shared`, once per process too. */
function once<T>(
  map: Map<string, Promise<T>>,
  key: string,
  make: () => Promise<T>,
  shared?: { cache: RunSourceCache; kind: string; key: string; keep: (value: T) => boolean },
): Promise<T> {
  let found = map.get(key);
  if (!found) {
    found = shared ? shared.cache.get(shared.kind, shared.key, make, shared.keep) : make();
    map.set(key, found);
  }
  return found;
}

/** What `searched()` says: which runs were looked for, at how many commits, and the bound. */
function searchedText(workflow: string | number | undefined, commits: number, bounded: string) {
  const which = workflow === undefined ? 'any workflow' : `workflow \`${workflow}\``;
  return `successful push runs of ${which} in this repository at ${commits} commit${commits === 1 ? '' : 's'} (by \`head_sha\`, then the branch's newest 100)${bounded}`;
}

export function gitHubRunSource(options: GitHubRunSourceOptions): GitHubRunSource {
  const { github, repo, cache, fullName } = options;
  const artifactName = options.artifactName ?? DEFAULT_ARTIFACT;
  const maxFile = options.maxFileBytes ?? MAX_FILE_BYTES;
  const maxRequests = options.maxRequests ?? 8;
  const { call, count } = countedCaller(github, repo, maxRequests);
  const { candidateRuns, lookedAt } = candidateLookup(options, call);
  const maxZipBytes = options.maxZipBytes ?? 64 * 1024 * 1024;
  const reader = { github, repo, artifactName, readZip: options.readZip, maxZipBytes };
  // One source serves one event: the handler and the gate ask for the same runs.
  const reads = new Map<string, Promise<ArtifactRead>>();
  const mergeBases = new Map<string, Promise<string | null>>();
  const files = new Map<string, Promise<string | null>>();
  const readOnce = (runId: number, label: string, strict: boolean) =>
    once(reads, `${runId}:${strict}`, () => readRunArtifact(reader, runId, label, strict));

  return {
    trust: 'github',
    get requests() {
      return count();
    },
    candidateRuns,
    firstParents: (commit, depth) => firstParentsOf(call, commit, depth),
    mergeBase(a, b) {
      if (a === b) return Promise.resolve(a);
      const key = `${a}...${b}`;
      const shared =
        cache && SHA.test(a) && SHA.test(b)
          ? {
              cache,
              kind: 'merge-base',
              key: `${fullName}@${key}`,
              keep: (sha: string | null) => sha !== null,
            }
          : undefined;
      return once(mergeBases, key, () => compareBase(call, a, b), shared);
    },
    readRun(candidate) {
      const { runId } = candidate as RunCandidate;
      const read = () => readOnce(runId, candidate.label, false);
      // The label names the attempt: a re-run's new attempt is a new entry.
      const key = `${fullName}:${runId}:${candidate.label}:${artifactName}`;
      return cache && candidate.succeeded ? cache.get('run', key, read, (r) => 'run' in r) : read();
    },
    readWorkflowRun: (runId) => readOnce(runId, `workflow run ${runId}`, true),
    knowFile(commit, path, text) {
      files.set(`${commit}:${path}`, Promise.resolve(text));
    },
    fileAt(commit, path) {
      const key = `${commit}:${path}`;
      const shared =
        cache && SHA.test(commit)
          ? { cache, kind: 'file', key: `${fullName}@${key}`, keep: () => true }
          : undefined;
      return once(files, key, () => readFileAt(github, repo, commit, path, maxFile), shared);
    },
    ...(options.workspaceFile ? { workspaceFile: options.workspaceFile } : {}),
    searched() {
      const bounded =
        count() >= maxRequests ? `, stopping at the bound of ${maxRequests} requests` : '';
      return searchedText(options.workflow, lookedAt.length, bounded);
    },
  };
}
