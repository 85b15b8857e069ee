// `cd4ml reproduce` end to end: real git repositories, real runs of the built CLI, and
// the user's tree, index, HEAD and worktree list checked to be untouched afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { alive, cliPath, waitFor } from '../../core/runner/fault-testing.js';
import { tempProjects } from '../../core/testing/project.js';

const project = tempProjects();

const PIPELINE = {
  'params.yaml': 'train:\n  C: 2\n  hang: 0\n',
  'data.txt': 'three\nlines\nhere\n',
  '.gitignore': '.cd4ml/\nmodel.txt\nmetrics.json\nnoise.txt\n',
  // Deterministic: the metric is the line count times C; hang=1 is for the Ctrl-C test,
  // hang=2 fails the stage; RUNS_LOG counts the stage's real runs.
  'train.sh': [
    'echo ran >> "${RUNS_LOG:-/dev/null}"',
    'if [ "$2" = 1 ]; then echo $$ > "$PID_FILE"; sleep 60; fi',
    'if [ "$2" = 2 ]; then exit 3; fi',
    'wc -l < data.txt | awk -v c="$1" \'{ printf "{\\"acc\\": %s}\\n", $1 * c }\' > metrics.json',
    'cp data.txt model.txt',
    '',
  ].join('\n'),
  'cd4ml.yaml': [
    'stages:',
    '  train:',
    '    cmd: sh train.sh ${train.C} ${train.hang}',
    '    deps: [data.txt, train.sh]',
    '    params: [train.C, train.hang]',
    '    outs: [model.txt]',
    '    metrics: [metrics.json]',
    '',
  ].join('\n'),
};

function sh(dir: string, command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(dir: string, ...args: string[]): string {
  const result = sh(dir, 'git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args]);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

const cd4ml = (dir: string, ...args: string[]) => sh(dir, process.execPath, [cliPath(), ...args]);
const cd4mlWith = (env: Record<string, string>, dir: string, ...args: string[]) =>
  sh(dir, process.execPath, [cliPath(), ...args], env);

/** Every file under `dir`, for a zip of it as the actions upload a run artifact. */
function zipOf(dir: string): Uint8Array {
  const files: Zippable = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[relative(dir, path)] = readFileSync(path);
    }
  return zipSync(files);
}

/** `count` commits on refs/heads/junk (fixed dates, so the same shas every time). */
function junkCommits(dir: string, count: number): void {
  const stream = Array.from({ length: count }, (_, i) => {
    const message = `c${i}`;
    return `commit refs/heads/junk\ncommitter t <t@example.com> ${1_700_000_000 + i} +0000\ndata ${message.length}\n${message}\n`;
  }).join('');
  const result = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream });
  if (result.status !== 0) throw new Error(`git fast-import: ${String(result.stderr)}`);
}

/** A repository with one commit and one recorded run of it; returns the run's id. */
function recordedRepo(files: Record<string, string> = PIPELINE) {
  const p = project(files);
  git(p.dir, 'init', '-q', '-b', 'main');
  git(p.dir, 'add', '-A');
  git(p.dir, 'commit', '-qm', 'first');
  const ran = cd4ml(p.dir, 'run');
  expect(ran.code, ran.stderr).toBe(0);
  const id = JSON.parse(readFileSync(join(p.dir, 'cd4ml-run.json'), 'utf8')).id as string;
  return { dir: p.dir, id, write: p.write };
}

/** What the user's checkout looks like: status, HEAD, index and the worktree list. */
function userState(dir: string): string {
  return [
    git(dir, 'status', '--porcelain=v2', '--branch', '--untracked-files=all'),
    git(dir, 'rev-parse', 'HEAD'),
    git(dir, 'ls-files', '--stage'),
    git(dir, 'worktree', 'list', '--porcelain'),
  ].join('\n--\n');
}

describe('cd4ml reproduce', () => {
  it('replays a run in a temporary worktree: everything matches, exit 0, the user tree untouched', () => {
    const repo = recordedRepo();
    writeFileSync(join(repo.dir, 'scratch.txt'), 'uncommitted work\n');
    const before = userState(repo.dir);
    const result = cd4ml(repo.dir, 'reproduce', repo.id, '--json');
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      matches: boolean;
      metrics: { name: string; recorded: number; reproduced: number; delta: number }[];
      outs: { path: string; matches: boolean }[];
      worktree: string | null;
    };
    expect(json.matches).toBe(true);
    expect(json.metrics).toEqual([
      { name: 'acc', recorded: 6, reproduced: 6, delta: 0, matches: true },
    ]);
    expect(json.outs.map((o) => [o.path, o.matches]).sort()).toEqual([
      ['metrics.json', true],
      ['model.txt', true],
    ]);
    expect(json.worktree).toBeNull();
    expect(result.stderr).toContain('environment: as recorded');
    expect(userState(repo.dir)).toBe(before);
  });

  it('resolves a commit (short sha) and prints a table; --set makes it differ and names the metric, exit 1', () => {
    const repo = recordedRepo();
    const short = git(repo.dir, 'rev-parse', '--short', 'HEAD');
    const same = cd4ml(repo.dir, 'reproduce', short);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/acc\s+6\s+6\s+0\s+✓/);
    expect(same.stdout).toContain('outs: 2 of 2 identical');
    const changed = cd4ml(repo.dir, 'reproduce', repo.id, '--set', 'train.C=3', '--metrics-only');
    expect(changed.code, changed.stderr).toBe(1);
    expect(changed.stdout).toMatch(/acc\s+6\s+9\s+\+3\s+✗/);
    expect(changed.stdout).toContain(`Reproduction of ${repo.id} differs: metrics acc.`);
    const tolerated = cd4ml(
      repo.dir,
      'reproduce',
      repo.id,
      '--set',
      'train.C=2.05',
      '--metrics-only',
      '--tolerance',
      '5%',
      '--json',
    );
    expect(JSON.parse(tolerated.stdout).matches, tolerated.stdout).toBe(true);
  });

  it('names an out whose hash differs (a stage with a random out), exit 1', () => {
    const files = {
      ...PIPELINE,
      'train.sh': PIPELINE['train.sh'].replace(
        'cp data.txt model.txt',
        'od -An -N8 -tx8 /dev/urandom > model.txt',
      ),
    };
    const repo = recordedRepo(files);
    const result = cd4ml(repo.dir, 'reproduce', repo.id, '--json');
    expect(result.code, result.stderr).toBe(1);
    const json = JSON.parse(result.stdout) as {
      matches: boolean;
      outs: { path: string; matches: boolean }[];
    };
    expect(json.matches).toBe(false);
    expect(json.outs.filter((o) => !o.matches)).toEqual([
      expect.objectContaining({ path: 'model.txt', matches: false }),
    ]);
    // Metrics only: the random out no longer counts.
    expect(cd4ml(repo.dir, 'reproduce', repo.id, '--metrics-only').code).toBe(0);
  });

  it('reproduces from the record file the run wrote, and keeps the worktree with --keep', () => {
    const repo = recordedRepo();
    const result = cd4ml(
      repo.dir,
      'reproduce',
      join(repo.dir, 'cd4ml-run.json'),
      '--keep',
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const kept = JSON.parse(result.stdout).worktree as string;
    expect(readFileSync(join(kept, 'metrics.json'), 'utf8')).toBe('{"acc": 6}\n');
    expect(git(repo.dir, 'worktree', 'list')).toContain(kept);
    git(repo.dir, 'worktree', 'remove', '--force', kept);
    // In text, the kept path is printed.
    const text = cd4ml(repo.dir, 'reproduce', repo.id, '--keep');
    const path = /worktree kept at (\S+)/.exec(text.stdout)?.[1];
    expect(path && existsSync(join(path, 'model.txt')), text.stdout).toBe(true);
    git(repo.dir, 'worktree', 'remove', '--force', path!);
  });

  it('reproduces a run artifact, as a directory and as the zip the actions upload', () => {
    const repo = recordedRepo();
    const artifact = join(repo.dir, '..', `artifact-${repo.id}`);
    const recorded = cd4ml(repo.dir, 'record', '--dir', artifact);
    expect(recorded.code, recorded.stderr).toBe(0);
    const fromDir = cd4ml(repo.dir, 'reproduce', artifact, '--json');
    expect(fromDir.code, fromDir.stderr).toBe(0);
    expect(JSON.parse(fromDir.stdout)).toMatchObject({ run: repo.id, matches: true });
    const zip = `${artifact}.zip`;
    writeFileSync(zip, zipOf(artifact));
    const fromZip = cd4ml(repo.dir, 'reproduce', zip, '--json');
    expect(fromZip.code, fromZip.stderr).toBe(0);
    expect(JSON.parse(fromZip.stdout)).toMatchObject({ run: repo.id, matches: true });
  });

  it('takes any git revision, and refuses an ambiguous short sha naming the fix', () => {
    const repo = recordedRepo();
    expect(cd4ml(repo.dir, 'reproduce', 'HEAD').code).toBe(0);
    expect(cd4ml(repo.dir, 'reproduce', 'main').code).toBe(0);
    // 600 commits: two of them share a 4-character prefix (65,536 prefixes).
    junkCommits(repo.dir, 600);
    const prefixes = git(repo.dir, 'rev-list', 'junk')
      .split('\n')
      .map((sha) => sha.slice(0, 4));
    const shared = prefixes.find((prefix, i) => prefixes.indexOf(prefix) !== i)!;
    const before = userState(repo.dir);
    const result = cd4ml(repo.dir, 'reproduce', shared);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`short sha "${shared}" is ambiguous[\\s\\S]*hint: give more characters`),
    );
    expect(userState(repo.dir)).toBe(before);
  });

  it('runs every stage afresh although the store could serve it, and cleans up when a stage fails', () => {
    const repo = recordedRepo();
    const log = join(repo.dir, '..', `runs-${repo.id}.log`);
    const temp = mkdtempSync(join(tmpdir(), 'cd4ml-reproduce-tmp-'));
    const env = { RUNS_LOG: log, TMPDIR: temp };
    // A later run of the same commit is a cache hit: the stage does not run...
    expect(cd4mlWith(env, repo.dir, 'run').code).toBe(0);
    expect(existsSync(log)).toBe(false);
    // ...but the reproduction runs it.
    const replayed = cd4mlWith(env, repo.dir, 'reproduce', repo.id);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('ran\n');
    const before = userState(repo.dir);
    const failed = cd4mlWith(env, repo.dir, 'reproduce', repo.id, '--set', 'train.hang=2');
    expect(failed.code, failed.stdout).toBe(1);
    expect(failed.stderr).toMatch(/✖ train failed/);
    expect(failed.stdout).toMatch(/differs: .*acc/);
    expect(readdirSync(temp)).toEqual([]);
    expect(userState(repo.dir)).toBe(before);
  });

  it('exits 2 with a hint, leaving no worktree, when it cannot run', () => {
    const repo = recordedRepo();
    const before = userState(repo.dir);
    const record = JSON.parse(readFileSync(join(repo.dir, 'cd4ml-run.json'), 'utf8'));
    const write = (name: string, change: (r: typeof record) => void): string => {
      const copy = structuredClone(record);
      change(copy);
      writeFileSync(join(repo.dir, '..', `${name}-${repo.id}.json`), JSON.stringify(copy));
      return join(repo.dir, '..', `${name}-${repo.id}.json`);
    };
    const cases: [string[], RegExp][] = [
      [['no-such-run'], /unknown run "no-such-run"[\s\S]*hint:.*history/],
      [['--tolerance', 'lots', repo.id], /--tolerance "lots" is not a number[\s\S]*hint/],
      [[write('dirty', (r) => (r.git.dirty = true))], /uncommitted changes[\s\S]*--allow-dirty/],
      [
        [write('gone', (r) => (r.git.commit = 'f'.repeat(40)))],
        /commit ffffffffffff is not in this repository[\s\S]*git fetch/,
      ],
      [[write('nogit', (r) => (r.git.commit = null))], /outside git/],
      [
        [write('env', (r) => (r.env.node = 'v0.1.0')), '--strict-env'],
        /environment differs[\s\S]*--strict-env/,
      ],
      [[write('hostile', (r) => (r.metrics = 'x'.repeat(10)))], /invalid run record/],
    ];
    for (const [args, message] of cases) {
      const result = cd4ml(repo.dir, 'reproduce', ...args);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.code, args.join(' ')).toBe(2);
    }
    const env = cd4ml(
      repo.dir,
      'reproduce',
      write('env2', (r) => (r.env.node = 'v0.1.0')),
    );
    expect(env.stderr).toContain(`node: recorded v0.1.0, now ${process.version}`);
    // Reported before the stages run.
    expect(env.stderr.indexOf('node: recorded')).toBeLessThan(env.stderr.indexOf('train started'));
    expect(env.code).toBe(0);
    expect(userState(repo.dir)).toBe(before);
  });

  it('says which runs an ambiguous id prefix starts', () => {
    const repo = recordedRepo();
    const again = cd4ml(repo.dir, 'run', '--force');
    expect(again.code).toBe(0);
    const prefix = repo.id.slice(0, 4);
    const result = cd4ml(repo.dir, 'reproduce', prefix);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`run id prefix "${prefix}" is ambiguous[\\s\\S]*${repo.id}`),
    );
  });

  it('removes its worktree and stops its stage on Ctrl-C (exit 130)', async () => {
    const repo = recordedRepo();
    const pidFile = join(repo.dir, '..', `stage-${repo.id}.pid`);
    const child = spawn(
      process.execPath,
      [cliPath(), 'reproduce', repo.id, '--set', 'train.hang=1'],
      {
        cwd: repo.dir,
        env: { ...process.env, CI: 'true', PID_FILE: pidFile },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await waitFor(
        () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '',
        'the stage to start',
      );
      const worktrees = git(repo.dir, 'worktree', 'list', '--porcelain');
      const path = /worktree (\S*cd4ml-reproduce-\S*)/.exec(worktrees)?.[1];
      expect(path && existsSync(path)).toBe(true);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toContain('worktree was removed');
      expect(existsSync(path as string)).toBe(false);
      expect(git(repo.dir, 'worktree', 'list', '--porcelain')).not.toContain('cd4ml-reproduce-');
      const stage = Number(readFileSync(pidFile, 'utf8'));
      await waitFor(() => !alive(stage), 'the stage to stop');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
