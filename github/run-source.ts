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
import { MAX_FILE_BYTES, compareBase, firstParentsOf, readFileAt } from './run-history.js';
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

export function gitHubRunSource(options: GitHubRunSourceOptions): GitHubRunSource {
  const { github, repo } = options;
  const artifactName = options.artifactName ?? DEFAULT_ARTIFACT;
  const maxZip = options.maxZipBytes ?? 64 * 1024 * 1024;
  const maxFile = options.maxFileBytes ?? MAX_FILE_BYTES;
  const maxRequests = options.maxRequests ?? 8;
  const workflow = options.workflow;
  const runsRoute =
    workflow === undefined
      ? 'GET /repos/{owner}/{repo}/actions/runs'
      : 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
  let requests = 0;
  let exact = 0;
  let branchListing: { branch: string | null; runs: Promise<WorkflowRun[]> } | undefined;
  const files = new Map<string, Promise<string | null>>();
  // One source serves one event: the handler and the gate ask for the same runs.
  const reads = new Map<string, Promise<ArtifactRead>>();
  const reader = { github, repo, artifactName, readZip: options.readZip, maxZipBytes: maxZip };
  const mergeBases = new Map<string, Promise<string | null>>();
  const readOnce = (runId: number, label: string, strict: boolean) => {
    const key = `${runId}:${strict}`;
    let read = reads.get(key);
    if (!read) {
      read = readRunArtifact(reader, runId, label, strict);
      reads.set(key, read);
    }
    return read;
  };
  const lookedAt: string[] = [];

  async function call(route: string, parameters: Record<string, unknown>, counted = true) {
    if (counted) {
      if (requests >= maxRequests) return null;
      requests++;
    }
    return github.request(route, { ...repo, ...parameters });
  }

  async function listRuns(filter: Record<string, unknown>): Promise<WorkflowRun[]> {
    const response = await call(runsRoute, {
      ...(workflow === undefined ? {} : { workflow_id: workflow }),
      event: 'push',
      status: 'success',
      ...filter,
      per_page: 100,
    });
    return response ? parse(WorkflowRuns, response.data, runsRoute).workflow_runs : [];
  }

  function toCandidate(run: WorkflowRun): RunCandidate {
    const attempt = run.run_attempt && run.run_attempt > 1 ? ` (attempt ${run.run_attempt})` : '';
    return {
      runId: run.id,
      label: `workflow run ${run.id}${attempt}`,
      commit: run.head_sha,
      branch: run.head_branch,
      event: run.event,
      succeeded: run.status === 'completed' && run.conclusion === 'success',
      sameRepository: run.head_repository?.full_name === options.fullName,
      createdAt: run.created_at ?? '',
      ...(run.html_url ? { url: run.html_url } : {}),
    };
  }

  return {
    trust: 'github',
    get requests() {
      return requests;
    },

    async candidateRuns(commit, branch) {
      lookedAt.push(commit);
      // The first commits asked about (the merge-base, and a second one) by `head_sha`;
      // the rest from one listing of the branch's newest successful push runs.
      if (exact < 2 && !branchListing) {
        exact++;
        return (await listRuns({ head_sha: commit, ...(branch ? { branch } : {}) })).map(
          toCandidate,
        );
      }
      if (!branchListing || branchListing.branch !== branch) {
        branchListing = { branch, runs: listRuns(branch ? { branch } : {}) };
      }
      return (await branchListing.runs).filter((r) => r.head_sha === commit).map(toCandidate);
    },

    firstParents(commit, depth) {
      return firstParentsOf(call, commit, depth);
    },

    mergeBase(a, b) {
      if (a === b) return Promise.resolve(a);
      let found = mergeBases.get(`${a}...${b}`);
      if (!found) {
        const ask = () => compareBase(call, a, b);
        found =
          options.cache && SHA.test(a) && SHA.test(b)
            ? options.cache.get(
                'merge-base',
                `${options.fullName}@${a}...${b}`,
                ask,
                (sha) => sha !== null,
              )
            : ask();
        mergeBases.set(`${a}...${b}`, found);
      }
      return found;
    },

    readRun(candidate) {
      const { runId } = candidate as RunCandidate;
      const read = () => readOnce(runId, candidate.label, false);
      // The label names the attempt: a re-run's new attempt is a new entry.
      return options.cache && candidate.succeeded
        ? options.cache.get(
            'run',
            `${options.fullName}:${runId}:${candidate.label}:${artifactName}`,
            read,
            (r) => 'run' in r,
          )
        : read();
    },

    readWorkflowRun(runId) {
      return readOnce(runId, `workflow run ${runId}`, true);
    },

    knowFile(commit, path, text) {
      files.set(`${commit}:${path}`, Promise.resolve(text));
    },

    fileAt(commit, path) {
      const key = `${commit}:${path}`;
      let text = files.get(key);
      if (!text) {
        const read = () => readFileAt(github, repo, commit, path, maxFile);
        text =
          options.cache && SHA.test(commit)
            ? options.cache.get('file', `${options.fullName}@${key}`, read, () => true)
            : read();
        files.set(key, text);
      }
      return text;
    },

    ...(options.workspaceFile ? { workspaceFile: options.workspaceFile } : {}),

    searched() {
      const which = workflow === undefined ? 'any workflow' : `workflow \`${workflow}\``;
      const bound =
        requests >= maxRequests ? `, stopping at the bound of ${maxRequests} requests` : '';
      return `successful push runs of ${which} in this repository at ${lookedAt.length} commit${lookedAt.length === 1 ? '' : 's'} (by \`head_sha\`, then the branch's newest 100)${bound}`;
    },
  };
}
