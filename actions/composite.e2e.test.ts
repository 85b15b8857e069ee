// The root action (composite) as a user's job runs it: its `run:` steps in order, from a
// fresh clone of this repository standing in for $GITHUB_ACTION_PATH, its `uses:` steps
// (setup-node, cache, cache/restore, cache/save, upload-artifact) through local stand-ins
// over directories, and GitHub's REST API through a local stand-in.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  directoryStandIns,
  runComposite,
  type CompositeRun,
  type StandIn,
} from './testing/composite.js';
import { serveFakeGitHub, type ServedGitHub } from '../github/testing/serve.js';
import {
  CHECKOUT,
  createTestRepo,
  pushJobEnv,
  REPOSITORY,
  type TestRepo,
} from './testing/project.js';

let scratch: string;
let actionPath: string;
let repo: TestRepo;
let github: ServedGitHub;
let commit: string;
const saved: string[] = [];

function standIns(): Record<string, StandIn> {
  return directoryStandIns({
    caches: join(scratch, 'cache'),
    artifacts: join(scratch, 'artifacts'),
    saved,
  });
}

/** A job on `push` to main at `commit` in a fresh checkout of the user's repository. */
async function job(
  runId: number,
  withs: Record<string, string> = {},
  pr?: { branch: string; head: string; base: string },
): Promise<{ run: CompositeRun; workspace: string }> {
  const workspace = join(scratch, `workspace-${runId}`);
  // Every attempt of a job starts on a fresh runner.
  rmSync(workspace, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', '-b', pr?.branch ?? 'main', repo.dir, workspace]);
  // On pull_request, actions/checkout checks out refs/pull/N/merge: a merge commit of the
  // head into the base, made for the job, which is GITHUB_SHA and HEAD.
  const merge = pr ? mergeCommit(workspace, pr) : null;
  const event = join(scratch, `event-${runId}.json`);
  writeFileSync(
    event,
    JSON.stringify(pr ? pullRequest(pr) : { ref: 'refs/heads/main', after: commit }),
  );
  github.reset();
  const run = await runComposite({
    actionPath,
    workspace,
    with: withs,
    standIns: standIns(),
    env: {
      ...pushJobEnv({
        runId,
        workspace,
        event,
        sha: merge ?? commit,
        apiUrl: github.url,
        scratch,
      }),
      GITHUB_EVENT_NAME: pr ? 'pull_request' : 'push',
      GITHUB_REF: pr ? 'refs/pull/2/merge' : 'refs/heads/main',
      GITHUB_SERVER_URL: 'https://github.com',
    },
  });
  return { run, workspace };
}

/** GitHub's `refs/pull/N/merge` in `workspace`: the base with the head merged in (`--no-ff`). */
function mergeCommit(workspace: string, pr: { head: string; base: string }): string {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=GitHub', '-c', 'user.email=noreply@github.com', ...args],
      {
        cwd: workspace,
        encoding: 'utf8',
      },
    ).trim();
  git('checkout', '-q', '--detach', pr.base);
  git('merge', '-q', '--no-ff', '-m', `Merge ${pr.head} into ${pr.base}`, pr.head);
  return git('rev-parse', 'HEAD');
}

/** A real `pull_request` `opened` payload (webhooks-examples), pointed at our commits. */
function pullRequest(pr: { branch: string; head: string; base: string }): unknown {
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
    name: string;
    examples: { action?: string; pull_request?: Record<string, Record<string, unknown>> }[];
  }[];
  const event = structuredClone(
    examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened')!,
  );
  Object.assign(event.pull_request!.base!, { sha: pr.base, ref: 'main' });
  Object.assign(event.pull_request!.head!, { sha: pr.head, ref: pr.branch });
  return event;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'cd4ml-composite-e2e-'));
  // What GitHub checks out for `uses: cd4ml/cd4ml@v1`: the repository at the tag, whose
  // dist/ is committed. Until it is, the clone gets this checkout's fresh build.
  actionPath = join(scratch, 'action');
  execFileSync('git', ['clone', '-q', '--local', CHECKOUT, actionPath]);
  if (!existsSync(join(actionPath, 'dist', 'actions', 'pipeline.js'))) {
    cpSync(join(CHECKOUT, 'dist'), join(actionPath, 'dist'), { recursive: true });
  }
  repo = createTestRepo(0.95);
  commit = repo.commit('pipeline');
  mkdirSync(join(scratch, 'artifacts'));
  github = await serveFakeGitHub({
    repository: REPOSITORY,
    git: repo.dir,
    artifacts: join(scratch, 'artifacts'),
  });
});

afterAll(async () => {
  await github.close();
  repo.remove();
  rmSync(scratch, { recursive: true, force: true });
});

const p = `/repos/${REPOSITORY}`;

describe('the root action in a user job', () => {
  it('first push: runs every stage, saves the run-cache, uploads cd4ml-run, writes the summary', async () => {
    const { run, workspace } = await job(201);
    expect(run.conclusion, run.log).toBe('success');
    expect(Object.fromEntries(run.steps)).toEqual({
      'Set up Node.js': 'success',
      deps: 'success',
      'deps-cache': 'success',
      "Install cd4ml's dependencies": 'skipped',
      restore: 'success',
      pipeline: 'success',
      'cache-key': 'success',
      'Save the run-cache': 'success',
      'Upload the run (cd4ml-run)': 'success',
      'Upload the model (cd4ml-model)': 'skipped',
      'Fail when a stage failed': 'skipped',
    });
    expect(run.outputs.status).toBe('success');
    expect(JSON.parse(run.outputs['stages-ran']!)).toEqual(['train']);
    // The step's inputs (INPUT_TOKEN is a GitHub token) never reach stage commands.
    expect(JSON.parse(readFileSync(join(workspace, 'eval/inputs-seen.json'), 'utf8'))).toEqual([]);
    expect(JSON.parse(run.outputs.metrics!)).toEqual({ accuracy: 0.95 });
    expect(run.outputs['cache-hit']).toBe('false');
    expect(run.outputs['baseline-commit']).toBe('');
    const uploaded = join(scratch, 'artifacts', '201', 'cd4ml-run');
    expect(readdirSync(uploaded).sort()).toEqual([
      'cd4ml-artifact.json',
      'cd4ml-history.json',
      'cd4ml-run.json',
      'eval',
    ]);
    expect(JSON.parse(readFileSync(join(uploaded, 'cd4ml-run.json'), 'utf8')).git.commit).toBe(
      commit,
    );
    expect(saved).toEqual([expect.stringMatching(/^cd4ml-run-cache-v1-Linux-[0-9a-f]{64}$/)]);
    expect(run.summary).toContain('| train | ✅ ran | never ran | 1 |');
    expect(run.summary).toContain('| accuracy | 0.95 |');
    // The baseline rule asks for a push run at this commit, then walks its first parents (none).
    expect(github.log()).toEqual([
      `GET ${p}/actions/workflows/ml.yml/runs?event=push&status=success&head_sha=${commit}&branch=main&per_page=100`,
      `GET ${p}/commits?sha=${commit}&per_page=50`,
    ]);
  });

  it('a re-run with nothing changed restores the cache, runs nothing, and carries history from the first run', async () => {
    github.repo.runs.push({
      id: 201,
      headSha: commit,
      headBranch: 'main',
      event: 'push',
      conclusion: 'success',
      headRepositoryId: 1296269,
      workflow: 'ml.yml',
    });
    const { run } = await job(202);
    expect(run.conclusion, run.log).toBe('success');
    expect(JSON.parse(run.outputs['stages-ran']!)).toEqual([]);
    expect(run.summary).toContain('| train | ♻️ cached |');
    // The lock the run left is the key the restore matched: nothing new to save.
    expect(Object.fromEntries(run.steps)['Save the run-cache']).toBe('skipped');
    expect(saved).toHaveLength(1);
    expect(run.outputs['baseline-commit']).toBe(commit);
    expect(run.summary).toContain('<!-- cd4ml:report -->');
    const history = JSON.parse(
      readFileSync(join(scratch, 'artifacts', '202', 'cd4ml-run', 'cd4ml-history.json'), 'utf8'),
    ) as { runs: { id: string }[] };
    const first = JSON.parse(
      readFileSync(join(scratch, 'artifacts', '201', 'cd4ml-run', 'cd4ml-run.json'), 'utf8'),
    ) as { id: string };
    expect(history.runs.map((r) => r.id)).toContain(first.id);
    expect(github.log()).toEqual([
      `GET ${p}/actions/workflows/ml.yml/runs?event=push&status=success&head_sha=${commit}&branch=main&per_page=100`,
      `GET ${p}/actions/runs/201/artifacts?name=cd4ml-run&per_page=100`,
      `GET ${p}/actions/artifacts/20100/zip`,
      `GET ${p}/contents/.github/cd4ml.yml?ref=${commit}`,
    ]);
  });

  it('on a pull request compares with the merge-base run and puts the report in the summary', async () => {
    const base = commit;
    repo.git('checkout', '-q', '-b', 'wider');
    repo.write('params.yaml', 'train:\n  accuracy: 0.9\n');
    const head = repo.commit('lower accuracy');
    repo.git('checkout', '-q', 'main');
    const { run, workspace } = await job(205, {}, { branch: 'wider', head, base });
    expect(run.conclusion, run.log).toBe('success');
    // The run ran on the merge commit, and is recorded at the PR's head (pull_request.head.sha).
    const merge = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspace, encoding: 'utf8' });
    expect(merge.trim()).not.toBe(head);
    const record = JSON.parse(
      readFileSync(join(scratch, 'artifacts', '205', 'cd4ml-run', 'cd4ml-run.json'), 'utf8'),
    ) as { git: { commit: string } };
    expect(record.git.commit).toBe(head);
    expect(JSON.parse(run.outputs['stages-ran']!)).toEqual(['train']);
    expect(run.outputs['baseline-commit']).toBe(base);
    expect(run.summary).toContain('<!-- cd4ml:report -->');
    expect(run.summary).toMatch(/accuracy.*0\.95.*0\.9/);
    expect(github.log().slice(0, 2)).toEqual([
      `GET ${p}/compare/${base}...${head}?per_page=1`,
      `GET ${p}/actions/workflows/ml.yml/runs?event=push&status=success&head_sha=${base}&branch=main&per_page=100`,
    ]);
  });

  it('a failed stage still uploads its run, then fails the job', async () => {
    repo.write('train.mjs', 'process.exit(3);\n');
    commit = repo.commit('break training');
    const { run } = await job(203);
    expect(run.conclusion).toBe('failure');
    expect(run.outputs.status).toBe('failed');
    const steps = Object.fromEntries(run.steps);
    expect(steps['Upload the run (cd4ml-run)']).toBe('success');
    expect(steps['Fail when a stage failed']).toBe('failure');
    expect(run.log).toContain('The pipeline failed');
    expect(
      JSON.parse(
        readFileSync(join(scratch, 'artifacts', '203', 'cd4ml-run', 'cd4ml-run.json'), 'utf8'),
      ).status,
    ).toBe('failed');
  });

  it('"Re-run failed jobs" (the same workflow run) uploads its run again instead of failing on the taken name', async () => {
    const first = readFileSync(
      join(scratch, 'artifacts', '203', 'cd4ml-run', 'cd4ml-run.json'),
      'utf8',
    );
    const { run } = await job(203);
    const steps = Object.fromEntries(run.steps);
    // upload-artifact v4 answers 409 for a name the run has; overwrite replaces it.
    expect(steps['Upload the run (cd4ml-run)']).toBe('success');
    expect(run.log).not.toContain('409');
    const second = readFileSync(
      join(scratch, 'artifacts', '203', 'cd4ml-run', 'cd4ml-run.json'),
      'utf8',
    );
    expect(JSON.parse(second).id).not.toBe(JSON.parse(first).id);
  });

  it('artifact-name names the run upload (one per matrix leg, so legs do not replace each other)', async () => {
    repo.git('checkout', '-q', 'HEAD~1', '--', 'train.mjs');
    commit = repo.commit('fix training');
    const { run } = await job(206, { 'artifact-name': 'cd4ml-run-leg-b', cache: 'false' });
    expect(run.conclusion, run.log).toBe('success');
    expect(readdirSync(join(scratch, 'artifacts', '206'))).toEqual(['cd4ml-run-leg-b']);
  });

  it('a bad input fails the pipeline step naming the input, and uploads nothing', async () => {
    const { run } = await job(204, { set: 'train.accuracy' });
    expect(run.conclusion).toBe('failure');
    expect(run.log).toContain('input "set" has "train.accuracy", not key=value');
    expect(existsSync(join(scratch, 'artifacts', '204'))).toBe(false);
  });
});
