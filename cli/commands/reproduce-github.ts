import { Octokit } from '@octokit/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cd4mlError } from '../../core/errors.js';
import type { SourcedRun } from '../../core/gate/port.js';
import { compareRuns, type Tolerance } from '../../core/reproduce/verdict.js';
import type { ParamOverride } from '../../core/runner/params.js';
import * as z from '../../core/yaml/zod.js';
import { EXIT } from '../exit.js';

export interface GitHubReproduceOptions {
  run: SourcedRun;
  overrides: readonly ParamOverride[];
  tolerance: Tolerance;
  metricsOnly: boolean;
  workflow: string;
  ref?: string;
  wait: boolean;
  json: boolean;
  /** `owner/name`, else from the record, else from the `origin` remote's URL. */
  repository: string | null;
  token: string | undefined;
  /** The network edge: tests hand in a fetch that answers as GitHub does. */
  fetch?: typeof fetch;
  pollMs?: number;
  /** With `wait`: how long to wait for the run to complete. Default 60 minutes. */
  timeoutMs?: number;
  apiUrl?: string;
}

/** `--timeout`'s default: longer than most pipelines, shorter than GitHub's 6-hour job limit. */
export const DEFAULT_TIMEOUT_MS = 60 * 60_000;

const WHERE = (field: string) => ({ file: '<command line>', field });

/**
 * `cd4ml reproduce --on github`: dispatches the pipeline workflow (`workflow_dispatch` with
 * inputs `commit` and `overrides`, one `key=value` per line), finds the run it started and
 * prints its URL; with `wait`, waits for it, downloads its `cd4ml-run` artifact and compares
 * the record as a local reproduction does. Returns the exit code.
 */
export async function reproduceOnGitHub(options: GitHubReproduceOptions): Promise<number> {
  const { record } = options.run;
  const commit = record.git.commit;
  if (!commit)
    throw new Cd4mlError(
      'E_USAGE',
      'the run was made outside git: there is no commit to dispatch',
      { location: WHERE('run') },
    );
  const call = gitHubCaller(options);
  const ref =
    options.ref ?? (await call('GET /repos/{owner}/{repo}', {}, Repository)).default_branch;
  const overrides = [
    ...Object.entries(record.overrides).map(([k, v]) => `${k}=${String(v)}`),
    ...options.overrides.map((o) => o.text),
  ];
  let run = await dispatch(call, options, { ref, commit, overrides });
  process.stderr.write(`cd4ml: reproducing ${record.id} on GitHub: ${run.html_url}\n`);
  if (!options.wait) return EXIT.ok;
  run = await waitFor(call, run, options);
  return compareArtifact(call, run, options);
}

/** A REST call whose answer is parsed with `schema` (a changed answer is an error naming the call). */
type Call = <T>(
  route: string,
  params: Record<string, unknown>,
  schema: z.ZodMiniType<T>,
) => Promise<T>;

// The parts of GitHub's answers this command reads (lenient: other fields pass).
const Run = z.object({
  id: z.number(),
  html_url: z.string(),
  status: z.string(),
  conclusion: z.nullable(z.string()),
});
type Run = z.infer<typeof Run>;
const Repository = z.object({ default_branch: z.string() });
const Runs = z.object({ workflow_runs: z.array(Run) });
const RunArtifacts = z.object({
  artifacts: z.array(z.object({ id: z.number(), expired: z.boolean() })),
});
const NoContent = z.unknown();
const Zip = z.instanceof(ArrayBuffer);

/** The repository's REST calls, their failures as errors that say what to check. */
function gitHubCaller(options: GitHubReproduceOptions): Call {
  const repository = options.run.record.ci?.repository ?? options.repository;
  const [owner, repo] = repository?.split('/') ?? [];
  if (!owner || !repo) {
    throw new Cd4mlError('E_USAGE', 'cannot tell which GitHub repository to run on', {
      hint: 'the record names none and the origin remote is not a github.com URL; set GITHUB_REPOSITORY=owner/name',
    });
  }
  if (!options.token) {
    throw new Cd4mlError('E_USAGE', 'no GitHub token to dispatch the workflow with', {
      hint: 'set GITHUB_TOKEN (or GH_TOKEN) to a token with actions: write, e.g. GITHUB_TOKEN=$(gh auth token)',
    });
  }
  const octokit = new Octokit({
    auth: options.token,
    ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
    request: options.fetch ? { fetch: options.fetch } : {},
  });
  return async <T>(
    route: string,
    params: Record<string, unknown>,
    schema: z.ZodMiniType<T>,
  ): Promise<T> => {
    let data: unknown;
    try {
      data = (await octokit.request(route, { owner, repo, ...params })).data;
    } catch (error) {
      const status = (error as { status?: number }).status;
      throw new Cd4mlError(
        status === 404 || status === 422 ? 'E_USAGE' : 'E_IO',
        `GitHub: ${route}: ${(error as Error).message}`,
        {
          hint:
            status === 404
              ? `is ${options.workflow} in ${owner}/${repo}, and may the token use it (actions: write)?`
              : status === 422
                ? `does ${options.workflow} take workflow_dispatch inputs commit and overrides? (docs/workflows/reproduce.yml)`
                : 'check the token and the network, then try again',
        },
      );
    }
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new Cd4mlError(
      'E_IO',
      `GitHub's answer to ${route} is not what its API documents${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}`,
      { hint: 'a GitHub Enterprise Server too old for this call, or a proxy rewriting answers' },
    );
  };
}

/** Dispatches the workflow and finds the run it started (the newest dispatch since just before). */
async function dispatch(
  call: Call,
  options: GitHubReproduceOptions,
  inputs: { ref: string; commit: string; overrides: string[] },
): Promise<Run> {
  const since = new Date(Date.now() - 5_000).toISOString();
  await call(
    'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
    {
      workflow_id: options.workflow,
      ref: inputs.ref,
      inputs: { commit: inputs.commit, overrides: inputs.overrides.join('\n') },
    },
    NoContent,
  );
  const pollMs = options.pollMs ?? 5_000;
  for (let attempt = 0; attempt < 60; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, pollMs));
    const runs = await call(
      'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
      {
        workflow_id: options.workflow,
        event: 'workflow_dispatch',
        branch: inputs.ref,
        created: `>=${since}`,
        per_page: 1,
      },
      Runs,
    );
    const run = runs.workflow_runs[0];
    if (run) return run;
  }
  throw new Cd4mlError('E_IO', `the dispatched ${options.workflow} run did not appear`, {
    hint: `look in the repository's Actions tab (${options.workflow})`,
  });
}

/** Polls the run until it completes; past `timeoutMs` stops waiting (the run goes on). */
async function waitFor(call: Call, started: Run, options: GitHubReproduceOptions): Promise<Run> {
  const pollMs = options.pollMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let run = started;
  while (run.status !== 'completed') {
    if (Date.now() >= deadline) {
      throw new Cd4mlError(
        'E_IO',
        `gave up waiting after ${formatMinutes(timeoutMs)}: ${run.html_url} is still ${run.status.replace(/_/g, ' ')}`,
        {
          location: WHERE('timeout'),
          hint: 'the run goes on on GitHub: open it there, or reproduce again with a longer --timeout <minutes>',
        },
      );
    }
    await new Promise((done) =>
      setTimeout(done, Math.min(pollMs, Math.max(0, deadline - Date.now()))),
    );
    run = await call('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { run_id: run.id }, Run);
  }
  return run;
}

function formatMinutes(ms: number): string {
  const minutes = ms / 60_000;
  return minutes >= 1 ? `${Number(minutes.toFixed(1))} min` : `${Math.round(ms / 1000)} s`;
}

/** Downloads the run's `cd4ml-run` artifact and compares its record with the recorded one. */
async function compareArtifact(
  call: Call,
  run: Run,
  options: GitHubReproduceOptions,
): Promise<number> {
  const { record } = options.run;
  const artifacts = await call(
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
    { run_id: run.id, name: 'cd4ml-run' },
    RunArtifacts,
  );
  const artifact = artifacts.artifacts.find((a) => !a.expired);
  if (!artifact)
    throw new Cd4mlError(
      'E_IO',
      `run ${run.html_url} (${run.conclusion ?? 'no conclusion'}) uploaded no cd4ml-run artifact`,
      { hint: 'open the run to see which step failed' },
    );
  const zip = await call(
    'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
    { artifact_id: artifact.id, archive_format: 'zip' },
    Zip,
  );
  const dir = mkdtempSync(join(tmpdir(), 'cd4ml-reproduce-github-'));
  try {
    writeFileSync(join(dir, 'cd4ml-run.zip'), Buffer.from(zip));
    const { loadRunPath } = await import('../../core/gate/local-source.js');
    const reproduced = (await loadRunPath(join(dir, 'cd4ml-run.zip'))).record;
    const verdict = compareRuns(record, reproduced, options);
    const render = await import('./reproduce-render.js');
    const result = { verdict, environment: [], record: reproduced, worktree: null };
    process.stdout.write(
      options.json
        ? render.reproductionJson(record, result)
        : render.reproductionText(record, result),
    );
    return verdict.matches ? EXIT.ok : EXIT.failed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `owner/name` of a github.com remote URL (https or ssh); null for anything else. */
export function repositoryOfRemote(url: string | null | undefined): string | null {
  const match = /github\.com[:/]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url ?? '');
  return match ? `${match[1]}/${match[2]}` : null;
}
