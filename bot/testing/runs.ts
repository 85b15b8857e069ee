import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunRecord } from '../../core/run-record/schema.js';
import type { FakeArtifact } from '../../github/testing/fake-repo.js';
import { zipDir } from '../../github/testing/serve.js';
import { REPOSITORY } from './payloads.js';

const CLI = resolve(import.meta.dirname, '../../bin/cd4ml.js');

/** A run the real `cd4ml` CLI made, and its `cd4ml-run` artifact zipped as GitHub serves it. */
export interface MadeRun {
  sha: string;
  record: RunRecord;
  zip: Uint8Array;
  runId: number;
  /** The artifact directory `cd4ml record --dir` wrote. */
  dir: string;
}

export interface RunSpec {
  /** Git branch the commit goes on. */
  branch: string;
  /** The value `eval.sh` reports as accuracy. */
  accuracy: number;
  /** How many of the 200 per-example predictions are wrong. */
  wrong: number;
  /** `GITHUB_EVENT_NAME` of the (simulated) workflow run. */
  event: 'push' | 'pull_request' | 'schedule';
  runId: number;
  /** Extra metrics written by the stage (hostile names, …). */
  extraMetrics?: Record<string, number>;
  /** Extra params (hostile names, …). */
  extraParams?: Record<string, string>;
  /** The predecessor's artifact directory, whose history this run carries forward. */
  historyFrom?: string;
}

/** The base branch's push run most tests and benches compare a pull request against. */
export const BASE_RUN: RunSpec = {
  branch: 'main',
  accuracy: 0.93,
  wrong: 14,
  event: 'push',
  runId: 1001,
};

/** The `cd4ml-run` artifact GitHub lists for `run`, uploaded by a workflow run on `branch`. */
export function runArtifact(
  run: MadeRun,
  options: { branch: string; expired?: boolean; fork?: boolean; zip?: Uint8Array },
): FakeArtifact {
  return {
    id: run.runId * 10,
    name: 'cd4ml-run',
    zip: options.zip ?? run.zip,
    ...(options.expired !== undefined ? { expired: options.expired } : {}),
    workflowRun: {
      id: run.runId,
      event: run.record.event,
      headSha: run.sha,
      headBranch: options.branch,
      headRepositoryId: options.fork ? 999_001 : REPOSITORY.id,
      repositoryId: REPOSITORY.id,
    },
  };
}

/**
 * A throwaway git repository with a shell-only pipeline (no Python): one stage writes
 * `metrics.json` and 200 per-example predictions from `params.yaml`. Each `run()` commits
 * the params on a branch, runs the built `bin/cd4ml.js` as a GitHub Actions step would
 * (GITHUB_* set), then `cd4ml record --dir` writes the run artifact, zipped here as
 * GitHub serves it.
 */
export class RunFactory {
  readonly dir = mkdtempSync(join(tmpdir(), 'cd4ml-bot-runs-'));
  readonly #repo = 'octo-org/octo-repo';
  /** Each commit made and its first parent, for the fake GitHub's commits and compare. */
  readonly parents = new Map<string, string>();

  constructor() {
    this.#write(
      'cd4ml.yaml',
      'predictions: predictions.csv\nstages:\n  evaluate:\n    cmd: sh eval.sh\n    deps: [eval.sh, extra.txt]\n    params: [eval]\n    metrics: [metrics.json]\n    outs: [predictions.csv]\n',
    );
    this.#write(
      'eval.sh',
      [
        "acc=$(sed -n 's/^  accuracy: //p' params.yaml)",
        "wrong=$(sed -n 's/^  wrong: //p' params.yaml)",
        'extra=$(cat extra.txt)',
        'printf \'{"accuracy": %s, "loss": 0.25%s}\\n\' "$acc" "$extra" > metrics.json',
        'echo "id,label,prediction" > predictions.csv',
        'i=0; while [ $i -lt 200 ]; do p=1; if [ $i -lt "$wrong" ]; then p=0; fi; echo "$i,1,$p" >> predictions.csv; i=$((i+1)); done',
        '',
      ].join('\n'),
    );
    this.#write(
      '.gitignore',
      '.cd4ml/\nmetrics.json\npredictions.csv\ncd4ml.lock\ncd4ml-run.json\n',
    );
    this.#git('init', '-q', '-b', 'main');
  }

  run(spec: RunSpec): Promise<MadeRun> {
    try {
      return Promise.resolve(this.#run(spec));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #run(spec: RunSpec): MadeRun {
    // New branches start from main (a PR's head sits on its base).
    const hasCommits = this.#git('rev-parse', '--verify', '-q', 'HEAD', true) !== '';
    if (this.#git('branch', '--list', spec.branch)) this.#git('checkout', '-q', spec.branch);
    else if (hasCommits) this.#git('checkout', '-q', '-b', spec.branch, 'main');
    else this.#git('checkout', '-q', '-B', spec.branch);
    const extra = Object.entries(spec.extraMetrics ?? {})
      .map(([name, value]) => `, ${JSON.stringify(name)}: ${value}`)
      .join('');
    const params = Object.entries(spec.extraParams ?? {})
      .map(([name, value]) => `  ${JSON.stringify(name)}: ${JSON.stringify(value)}\n`)
      .join('');
    this.#write('extra.txt', extra);
    this.#write(
      'params.yaml',
      `eval:\n  accuracy: ${spec.accuracy}\n  wrong: ${spec.wrong}\n${params}`,
    );
    this.#git('add', '.');
    this.#git('commit', '-q', '--allow-empty', '-m', `${spec.branch}: accuracy ${spec.accuracy}`);
    const sha = this.#git('rev-parse', 'HEAD');
    const parent = this.#git('rev-parse', '-q', '--verify', 'HEAD^', true);
    if (parent) this.parents.set(sha, parent);
    const result = spawnSync(process.execPath, [CLI, 'run'], {
      cwd: this.dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        CI: 'true',
        NO_COLOR: '1',
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: spec.event,
        GITHUB_RUN_ID: String(spec.runId),
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: this.#repo,
        GITHUB_REF: `refs/heads/${spec.branch}`,
      },
    });
    if (result.status !== 0) throw new Error(`cd4ml run failed: ${result.stderr}${result.stdout}`);
    const record = this.#latestRecord(sha);
    const artifactDir = join(this.dir, '.cd4ml', 'artifact', String(spec.runId));
    // The artifact exactly as a workflow step writes it for upload.
    const args = [CLI, 'record', '--dir', artifactDir];
    if (spec.historyFrom) args.push('--history-from', spec.historyFrom);
    const recorded = spawnSync(process.execPath, args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    if (recorded.status !== 0)
      throw new Error(`cd4ml record failed: ${recorded.stderr}${recorded.stdout}`);
    return { sha, record, zip: zipDir(artifactDir), runId: spec.runId, dir: artifactDir };
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  #latestRecord(sha: string): RunRecord {
    const runs = join(this.dir, '.cd4ml', 'runs', sha);
    const newest = readdirSync(runs).sort().at(-1);
    if (!newest) throw new Error(`no run stored for ${sha}`);
    return JSON.parse(readFileSync(join(runs, newest, 'cd4ml-run.json'), 'utf8')) as RunRecord;
  }

  #write(path: string, text: string): void {
    writeFileSync(join(this.dir, path), text);
  }

  #git(...args: (string | boolean)[]): string {
    const allowFail = args.at(-1) === true;
    const argv = args.filter((a): a is string => typeof a === 'string');
    const result = spawnSync(
      'git',
      ['-c', 'user.email=bot@example.com', '-c', 'user.name=bot', ...argv],
      {
        cwd: this.dir,
        encoding: 'utf8',
      },
    );
    if (result.status !== 0 && !allowFail)
      throw new Error(`git ${argv.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
  }
}
