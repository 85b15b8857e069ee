/**
 * The gate's `RunSource` over GitHub: baselines are the `cd4ml-run` artifacts of
 * successful `push` runs of one workflow on the base branch, files at a commit come from
 * the contents API. Trust: a run counts only when its head repository is this repository
 * (a fork's branch may be called `main` too, and its push runs are the fork's).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Baseline, HistoryEntry, RunSource, SourcedRun } from '../../core/gate/port.js';
import type { ArtifactContent, RunArtifacts } from './artifacts.js';
import type { Repo } from '../../github/repo.js';
import { apiError, httpStatus } from '../../github/errors.js';
import type { GitHub } from './github.js';

/** Reads a downloaded artifact into a run (core's safe reader); `source` names it in errors. */
export type ArtifactReader = (content: ArtifactContent, source: string) => Promise<SourcedRun>;

export interface RestRunSourceOptions {
  github: GitHub;
  repo: Repo;
  /** The branch whose push runs hold baselines (the PR's base branch). */
  branch: string;
  /** The workflow whose runs upload the artifact: its file name (`ml.yml`) or id. */
  workflow: string | number;
  artifacts: RunArtifacts;
  readArtifact: ArtifactReader;
  /** Default `cd4ml-run`. */
  artifactName?: string;
  /** Cap on one artifact download. Default 64 MiB. */
  maxArtifactBytes?: number;
  /** The checkout, for `workspaceFile`; absent: no workspace fallback. */
  workspace?: string;
  /** How far back along the first-parent line a baseline may be. Default 100 commits. */
  maxDepth?: number;
  /** Called with each note worth showing (e.g. a baseline artifact that expired). */
  onNote?: (note: string) => void;
}

interface PushRun {
  id: number;
  sha: string;
  url: string | undefined;
}

export function restRunSource(options: RestRunSourceOptions): RunSource {
  const { github, repo } = options;
  const fullName = `${repo.owner}/${repo.repo}`;
  const artifactName = options.artifactName ?? 'cd4ml-run';
  const maxBytes = options.maxArtifactBytes ?? 64 * 1024 * 1024;
  const maxDepth = options.maxDepth ?? 100;
  let runsBySha: Promise<Map<string, PushRun[]>> | undefined;

  /** The branch's successful push runs of the workflow from this repository, newest first, by commit. */
  async function listRuns(): Promise<Map<string, PushRun[]>> {
    let response;
    try {
      response = await github.request(
        'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
        {
          ...repo,
          workflow_id: options.workflow,
          branch: options.branch,
          event: 'push',
          status: 'success',
          per_page: 100,
        },
      );
    } catch (error) {
      throw apiError(
        error,
        `listing the push runs of workflow ${options.workflow} on ${options.branch}`,
        'actions: read',
      );
    }
    const bySha = new Map<string, PushRun[]>();
    for (const run of response.data.workflow_runs) {
      // The query asks for these already; checked again because trust depends on them.
      if (run.event !== 'push' || run.conclusion !== 'success') continue;
      if (run.head_repository?.full_name !== fullName) continue;
      const list = bySha.get(run.head_sha) ?? [];
      list.push({ id: Number(run.id), sha: run.head_sha, url: run.html_url });
      bySha.set(run.head_sha, list);
    }
    return bySha;
  }

  /** `commit` and its first-parent ancestors, newest first, as far as one page of history goes. */
  async function firstParents(commit: string): Promise<string[]> {
    let response;
    try {
      response = await github.request('GET /repos/{owner}/{repo}/commits', {
        ...repo,
        sha: commit,
        per_page: Math.min(maxDepth, 100),
      });
    } catch (error) {
      throw apiError(error, `listing the history of ${commit.slice(0, 7)}`, 'contents: read');
    }
    const parentOf = new Map(response.data.map((c) => [c.sha, c.parents[0]?.sha]));
    const line: string[] = [];
    for (
      let sha: string | undefined = commit;
      sha && line.length < maxDepth;
      sha = parentOf.get(sha)
    ) {
      line.push(sha);
      if (!parentOf.has(sha)) break;
    }
    return line;
  }

  // One download per workflow run: a caller that found the baseline (the pipeline step,
  // for history) and the gate that asks again share it.
  const downloads = new Map<number, Promise<SourcedRun | null>>();

  async function download(pushRun: PushRun): Promise<SourcedRun | null> {
    const content = await options.artifacts.download(pushRun.id, artifactName, maxBytes);
    if (!content) {
      options.onNote?.(
        `Workflow run ${pushRun.id} (${pushRun.sha.slice(0, 7)}) has no ${artifactName} artifact (expired, or the run did not upload one).`,
      );
      return null;
    }
    return options.readArtifact(content, `workflow run ${pushRun.id} (artifact ${artifactName})`);
  }

  async function runOf(
    pushRun: PushRun,
    excludeRunId: string | undefined,
  ): Promise<SourcedRun | null> {
    let pending = downloads.get(pushRun.id);
    if (!pending) {
      pending = download(pushRun);
      downloads.set(pushRun.id, pending);
    }
    const run = await pending;
    if (!run || run.record.id === excludeRunId || run.record.status !== 'success') return null;
    return run;
  }

  async function findBaseline(
    commit: string,
    excludeRunId: string | undefined,
  ): Promise<Baseline | null> {
    runsBySha ??= listRuns();
    const bySha = await runsBySha;
    if (bySha.size === 0) return null;
    const commits = bySha.has(commit) ? [commit] : await firstParents(commit);
    for (const sha of commits) {
      for (const pushRun of bySha.get(sha) ?? []) {
        const run = await runOf(pushRun, excludeRunId);
        if (run) return { run, commit: sha } satisfies Baseline;
      }
    }
    // The exact commit had runs but none usable: look further back.
    if (commits.length === 1) {
      for (const sha of (await firstParents(commit)).slice(1)) {
        for (const pushRun of bySha.get(sha) ?? []) {
          const run = await runOf(pushRun, excludeRunId);
          if (run) return { run, commit: sha };
        }
      }
    }
    return null;
  }

  return {
    baselineAt(commit, opts) {
      return findBaseline(commit, opts?.excludeRunId);
    },

    async fileAt(commit, path) {
      try {
        const response = await github.request('GET /repos/{owner}/{repo}/contents/{path}', {
          ...repo,
          path,
          ref: commit,
          mediaType: { format: 'raw' },
        });
        return typeof response.data === 'string' ? response.data : null;
      } catch (error) {
        if (httpStatus(error) === 404) return null;
        throw apiError(error, `reading ${path} at ${commit.slice(0, 7)}`, 'contents: read');
      }
    },

    ...(options.workspace
      ? {
          async workspaceFile(path: string): Promise<string | null> {
            try {
              return await readFile(join(options.workspace ?? '.', path), 'utf8');
            } catch {
              return null;
            }
          },
        }
      : {}),

    // Push runs carry the branch's history in their artifact (cd4ml-history.json), so the
    // gate asks only for runs that came without: downloading twenty artifacts for a trend
    // is not worth a report's time. The base run alone is the trend then.
    history(base: Baseline): Promise<HistoryEntry[]> {
      return Promise.resolve(base.run.carriedHistory ? [...base.run.carriedHistory] : []);
    },
  };
}
