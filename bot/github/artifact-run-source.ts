import { Cd4mlError } from '../../core/errors.js';
import { RUN_ARTIFACT_NAME } from '../../core/run-artifact/layout.js';
import type { Baseline, HistoryEntry, RunSource, SourcedRun } from '../../core/gate/port.js';
import { httpStatus } from '../../github/errors.js';
import type { Octokit } from './octokit.js';
import type { Repo } from '../../github/repo.js';

/** The artifact a run uploads with its record (the layout `cd4ml record --dir` writes). */
export const RUN_ARTIFACT = RUN_ARTIFACT_NAME;
/** Zips bigger than this are not downloaded at all (the reader caps what they inflate to). */
export const MAX_ARTIFACT_ZIP_BYTES = 64 * 1024 * 1024;
/** Policy files bigger than this are refused. */
const MAX_FILE_BYTES = 256 * 1024;
/** First-parent ancestors searched for a baseline (one page of commits). */
const ANCESTORS = 100;

/** Reads a downloaded `cd4ml-run` zip into a run, safely (core/run-artifact's reader). */
export type ZipRunReader = (zip: Uint8Array, source: string) => Promise<SourcedRun>;

/** An artifact as the REST listing describes it: GitHub's word on where it came from. */
export interface ListedArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  created_at: string | null;
  workflow_run?: {
    id?: number;
    repository_id?: number;
    head_repository_id?: number;
    head_branch?: string;
    head_sha?: string;
  } | null;
}

/** Why a run gave no record. */
export type MissingRun = { missing: 'none' | 'expired' | 'too-large'; message: string };

export interface RestRunSourceOptions {
  octokit: Octokit;
  repo: Repo;
  /** This repository's id: baselines only come from runs whose head repository it is. */
  repositoryId: number;
  /** The branch baselines are taken from (the PR's base). */
  baseRef: string;
  /** The events a baseline run may come from (default: push). */
  events?: readonly string[];
  readZip: ZipRunReader;
  /** Notes for the report (an expired base artifact, …). */
  notes: string[];
  /** Shared between the sources of one event, so the artifact listing is fetched once. */
  cache?: ArtifactCache;
}

/** What the sources of one event share. */
export interface ArtifactCache {
  listing?: Promise<ListedArtifact[]>;
}

/**
 * The gate's port over GitHub: runs are `cd4ml-run` artifacts of workflow runs, files at a
 * commit come from the contents API, first-parent lines from the commits API.
 *
 * Trust: a baseline is taken only from an artifact whose workflow run's head repository
 * is this repository, on the base branch, whose record says it ran on `push` (or the
 * configured events) for that exact commit and succeeded. Such a run executed code that
 * only people with write access could put there, so its record is as trusted as the
 * branch. A fork (even one whose branch is called `main`) never qualifies.
 *
 * One listing of the repository's `cd4ml-run` artifacts (newest first) serves the head
 * and the base, so a PR report costs two artifact downloads and a handful of requests.
 */
export class RestRunSource implements RunSource {
  readonly #o: RestRunSourceOptions;
  readonly #cache: ArtifactCache;
  readonly #files = new Map<string, Promise<string | null>>();
  readonly #baselines = new Map<string, Promise<Baseline | null>>();

  constructor(options: RestRunSourceOptions) {
    this.#o = options;
    this.#cache = options.cache ?? {};
  }

  /** The repository's newest `cd4ml-run` artifacts (one page of 100). */
  listing(): Promise<ListedArtifact[]> {
    this.#cache.listing ??= this.#o.octokit.rest.actions
      .listArtifactsForRepo({ ...this.#o.repo, name: RUN_ARTIFACT, per_page: 100 })
      .then(({ data }) => data.artifacts as ListedArtifact[]);
    return this.#cache.listing;
  }

  /** The run artifact a workflow run uploaded; `missing` says why there is none to read. */
  async runArtifact(runId: number): Promise<ListedArtifact | MissingRun> {
    let artifact = (await this.listing()).find((a) => a.workflow_run?.id === runId);
    if (!artifact) {
      // Not among the newest hundred (or not listed yet): ask the run itself.
      const { data } = await this.#o.octokit.rest.actions.listWorkflowRunArtifacts({
        ...this.#o.repo,
        run_id: runId,
        name: RUN_ARTIFACT,
        per_page: 100,
      });
      artifact = newestAttempt(
        (data.artifacts as ListedArtifact[]).filter((a) => a.name === RUN_ARTIFACT),
      );
    }
    if (!artifact) {
      return {
        missing: 'none',
        message: `workflow run ${runId} uploaded no \`${RUN_ARTIFACT}\` artifact`,
      };
    }
    if (artifact.expired) {
      return {
        missing: 'expired',
        message: `the \`${RUN_ARTIFACT}\` artifact of workflow run ${runId} has expired (artifact retention)`,
      };
    }
    if (artifact.size_in_bytes > MAX_ARTIFACT_ZIP_BYTES) {
      return {
        missing: 'too-large',
        message: `the \`${RUN_ARTIFACT}\` artifact of workflow run ${runId} is ${artifact.size_in_bytes} bytes, over the ${MAX_ARTIFACT_ZIP_BYTES}-byte limit`,
      };
    }
    return artifact;
  }

  /** Downloads (in memory; the API redirects to a short-lived URL) and reads one artifact. */
  async read(artifact: ListedArtifact, runId: number): Promise<SourcedRun> {
    const { data } = await this.#o.octokit.rest.actions.downloadArtifact({
      ...this.#o.repo,
      artifact_id: artifact.id,
      archive_format: 'zip',
    });
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(0);
    if (bytes.byteLength > MAX_ARTIFACT_ZIP_BYTES) {
      throw new Cd4mlError(
        'E_ARTIFACT',
        `artifact ${artifact.id} is over ${MAX_ARTIFACT_ZIP_BYTES} bytes`,
      );
    }
    return this.#o.readZip(bytes, `workflow run ${runId} (artifact ${RUN_ARTIFACT})`);
  }

  /** The newest workflow run with a run artifact for a commit (re-requested checks, commands). */
  async runIdForSha(sha: string): Promise<number | null> {
    const listed = (await this.listing()).find((a) => a.workflow_run?.head_sha === sha);
    if (listed?.workflow_run?.id !== undefined) return listed.workflow_run.id;
    const { data } = await this.#o.octokit.rest.actions.listWorkflowRunsForRepo({
      ...this.#o.repo,
      head_sha: sha,
      status: 'completed',
      per_page: 20,
    });
    for (const run of data.workflow_runs) {
      const artifact = await this.runArtifact(run.id);
      if (!('missing' in artifact) || artifact.missing !== 'none') return run.id;
    }
    return null;
  }

  /** The head run's record, or why there is none. */
  async headRun(runId: number): Promise<SourcedRun | MissingRun> {
    const artifact = await this.runArtifact(runId);
    if ('missing' in artifact) return artifact;
    return this.read(artifact, runId);
  }

  /** Looked up once per commit: the bot asks first (to collect its notes), then the gate. */
  baselineAt(commit: string, options: { excludeRunId?: string } = {}): Promise<Baseline | null> {
    const key = `${commit}:${options.excludeRunId ?? ''}`;
    let found = this.#baselines.get(key);
    if (!found) {
      found = this.#findBaseline(commit, options);
      this.#baselines.set(key, found);
    }
    return found;
  }

  async #findBaseline(
    commit: string,
    options: { excludeRunId?: string },
  ): Promise<Baseline | null> {
    const trusted = (await this.listing()).filter((a) => this.#trusted(a));
    const bySha = new Map<string, ListedArtifact[]>();
    for (const artifact of trusted) {
      const sha = artifact.workflow_run?.head_sha;
      if (!sha) continue;
      bySha.set(sha, [...(bySha.get(sha) ?? []), artifact]);
    }
    for (const sha of await this.#firstParents(commit, bySha)) {
      const run = await this.#readFirstGood(bySha.get(sha) ?? [], sha, options.excludeRunId);
      if (run) return { run, commit: sha };
    }
    return null;
  }

  /** A file at a commit (read once per source: the bot and the gate both ask for the policy). */
  fileAt(commit: string, path: string): Promise<string | null> {
    const key = `${commit}:${path}`;
    let text = this.#files.get(key);
    if (!text) {
      text = this.#readFile(commit, path);
      this.#files.set(key, text);
    }
    return text;
  }

  async #readFile(commit: string, path: string): Promise<string | null> {
    try {
      const { data } = await this.#o.octokit.rest.repos.getContent({
        ...this.#o.repo,
        path,
        ref: commit,
        mediaType: { format: 'raw' },
      });
      const raw: unknown = data;
      const text = typeof raw === 'string' ? raw : null;
      if (text !== null && text.length > MAX_FILE_BYTES) {
        throw new Cd4mlError(
          'E_POLICY',
          `${path} at ${commit.slice(0, 7)} is over ${MAX_FILE_BYTES} bytes`,
          {
            location: { file: path },
          },
        );
      }
      return text;
    } catch (error) {
      if (httpStatus(error) === 404) return null;
      throw error;
    }
  }

  /** Without a carried history the trend stays empty rather than costing a download per run. */
  history(): Promise<HistoryEntry[]> {
    this.#o.notes.push('The base run carried no history (`cd4ml-history.json`): no trend shown.');
    return Promise.resolve([]);
  }

  /** The newest trusted run of one of `events` on the base branch other than `excludeRunId`, at any commit. */
  async previousRun(excludeRunId: number): Promise<Baseline | null> {
    for (const artifact of (await this.listing()).filter((a) => this.#trusted(a))) {
      const runId = artifact.workflow_run?.id;
      if (runId === undefined || runId === excludeRunId) continue;
      const sha = artifact.workflow_run?.head_sha ?? '';
      const run = await this.#readFirstGood([artifact], sha, undefined);
      if (run) return { run, commit: sha };
    }
    return null;
  }

  #trusted(artifact: ListedArtifact): boolean {
    const run = artifact.workflow_run;
    if (!run || run.head_repository_id !== this.#o.repositoryId) return false;
    if (run.repository_id !== undefined && run.repository_id !== this.#o.repositoryId) return false;
    return run.head_branch === this.#o.baseRef;
  }

  /** Reads candidates newest first; the first whose record vouches for the commit wins. */
  async #readFirstGood(
    candidates: readonly ListedArtifact[],
    sha: string,
    excludeRunId: string | undefined,
  ): Promise<SourcedRun | null> {
    const events = this.#o.events ?? ['push'];
    for (const artifact of candidates) {
      const runId = artifact.workflow_run?.id ?? 0;
      if (artifact.expired) {
        this.#o.notes.push(
          `The base run at ${sha.slice(0, 7)} (workflow run ${runId}) has an expired \`${RUN_ARTIFACT}\` artifact; it counts as missing.`,
        );
        continue;
      }
      if (artifact.size_in_bytes > MAX_ARTIFACT_ZIP_BYTES) continue;
      let run: SourcedRun;
      try {
        run = await this.read(artifact, runId);
      } catch (error) {
        if (!(error instanceof Cd4mlError)) throw error;
        this.#o.notes.push(
          `The base run at ${sha.slice(0, 7)} could not be read: ${error.message.split('\n')[0]}`,
        );
        continue;
      }
      const record = run.record;
      if (
        record.id === excludeRunId ||
        record.status !== 'success' ||
        record.git.dirty ||
        record.git.commit !== sha ||
        !events.includes(record.event)
      ) {
        continue;
      }
      return run;
    }
    return null;
  }

  /** `commit` and its first-parent ancestors (one page), stopping at the first that has candidates. */
  async #firstParents(commit: string, bySha: ReadonlyMap<string, unknown>): Promise<string[]> {
    if (bySha.has(commit)) return [commit];
    let commits: Array<{ sha: string; parents: Array<{ sha: string }> }>;
    try {
      ({ data: commits } = await this.#o.octokit.rest.repos.listCommits({
        ...this.#o.repo,
        sha: commit,
        per_page: ANCESTORS,
      }));
    } catch (error) {
      if (httpStatus(error) === 404 || httpStatus(error) === 422) return [];
      throw error;
    }
    const parentOf = new Map(commits.map((c) => [c.sha, c.parents[0]?.sha]));
    const line: string[] = [];
    for (
      let sha: string | undefined = commit;
      sha && line.length < ANCESTORS;
      sha = parentOf.get(sha)
    ) {
      line.push(sha);
      if (bySha.has(sha)) break;
    }
    return line.filter((sha) => bySha.has(sha));
  }
}

/**
 * The artifact of the run's newest attempt among several of one name (a re-run's upload
 * replaces the earlier one, but a listing may still hold it, expired or in any order):
 * unexpired first, then the highest id, which GitHub gives the later upload.
 */
function newestAttempt(artifacts: readonly ListedArtifact[]): ListedArtifact | undefined {
  return [...artifacts].sort((a, b) => Number(a.expired) - Number(b.expired) || b.id - a.id)[0];
}
