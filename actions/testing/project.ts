/**
 * A user's repository for action tests: a real git repository with a one-stage pipeline
 * (node writes metrics and per-example predictions from params.yaml), a gate policy, and
 * helpers to run the pipeline with this checkout's CLI and write the run artifact.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const CHECKOUT = resolve(import.meta.dirname, '../..');
export const CLI = join(CHECKOUT, 'bin', 'cd4ml.js');
export const REPOSITORY = 'Codertocat/Hello-World';

const PIPELINE = `stages:
  train:
    cmd: node train.mjs
    deps: [train.mjs]
    params: [train]
    outs: [eval/predictions.csv]
    metrics:
      - eval/metrics.json: { cache: false }
predictions: eval/predictions.csv
`;

const TRAIN = `import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
const accuracy = Number(/accuracy: ([0-9.]+)/.exec(readFileSync('params.yaml', 'utf8'))[1]);
const rows = ['id,label,prediction'];
for (let i = 0; i < 200; i++) rows.push(\`\${i},\${i % 2},\${i < accuracy * 200 ? i % 2 : 1 - (i % 2)}\`);
mkdirSync('eval', { recursive: true });
writeFileSync('eval/predictions.csv', rows.join('\\n') + '\\n');
writeFileSync('eval/metrics.json', JSON.stringify({ accuracy }));
// What a stage can see of the step's inputs (the token among them): nothing, we hope.
writeFileSync('eval/inputs-seen.json', JSON.stringify(Object.keys(process.env).filter((k) => k.startsWith('INPUT_'))));
`;

const POLICY = `gate:
  rules:
    - { metric: accuracy, max_decrease: 0.01 }
`;

/**
 * The environment a GitHub-hosted Linux runner gives a job of REPOSITORY's `ml.yml` on a
 * push to main; a caller overrides what its event changes (`GITHUB_EVENT_NAME`, `GITHUB_REF`).
 */
export function pushJobEnv(job: {
  runId: number;
  workspace: string;
  /** `GITHUB_EVENT_PATH`. */
  event: string;
  sha: string;
  apiUrl: string;
  /** `RUNNER_TEMP`, and HOME when the test's process has none. */
  scratch: string;
}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? job.scratch,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: job.event,
    GITHUB_SHA: job.sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKSPACE: job.workspace,
    GITHUB_API_URL: job.apiUrl,
    GITHUB_RUN_ID: String(job.runId),
    GITHUB_WORKFLOW_REF: `${REPOSITORY}/.github/workflows/ml.yml@refs/heads/main`,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: job.scratch,
  };
}

export interface TestRepo {
  dir: string;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  /** Commits everything; returns the sha. */
  commit(message: string): string;
  /** `cd4ml run` with this checkout's CLI; throws on a non-zero exit. */
  run(...args: string[]): void;
  /** `cd4ml run` as a workflow job on `event` does (its record says so: a push run is a baseline). */
  runOn(event: string, ...args: string[]): void;
  /** Writes the run artifact of the latest run to `dir` (relative to the repo, or absolute). */
  artifact(dir: string): string;
  remove(): void;
}

export function createTestRepo(accuracy = 0.95): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'cd4ml-action-repo-'));
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  write('cd4ml.yaml', PIPELINE);
  write('train.mjs', TRAIN);
  write('params.yaml', `train:\n  accuracy: ${accuracy}\n`);
  write('.github/cd4ml.yml', POLICY);
  write('.gitignore', '.cd4ml/\neval/\n');
  const repo: TestRepo = {
    dir,
    git,
    write,
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
    run(...args) {
      const result = spawnSync(process.execPath, [CLI, 'run', ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', GITHUB_ACTIONS: '' },
      });
      if (result.status !== 0) throw new Error(`cd4ml run failed: ${result.stderr}`);
    },
    runOn(event, ...args) {
      const result = spawnSync(process.execPath, [CLI, 'run', ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          CI: 'true',
          GITHUB_ACTIONS: 'true',
          GITHUB_EVENT_NAME: event,
          GITHUB_REPOSITORY: REPOSITORY,
          GITHUB_REF: 'refs/heads/main',
        },
      });
      if (result.status !== 0) throw new Error(`cd4ml run failed: ${result.stderr}`);
    },
    artifact(out) {
      const target = resolve(dir, out);
      rmSync(target, { recursive: true, force: true });
      const result = spawnSync(process.execPath, [CLI, 'record', '--dir', target], {
        cwd: dir,
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`cd4ml record failed: ${result.stderr}`);
      return target;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return repo;
}
