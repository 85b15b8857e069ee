import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireWorkspaceLock } from '../../core/runner/workspace-lock.js';
import { tempProjects } from '../../core/testing/project.js';
import { runCli } from '../testing.js';

const project = tempProjects();

const PIPELINE = {
  'params.yaml': 'train:\n  C: 1\n',
  'cd4ml.yaml':
    'stages:\n  train:\n    cmd: echo "model C=${train.C}" > model.txt\n    params: [train.C]\n    outs: [model.txt]\n',
};

function objects(dir: string): string[] {
  return readdirSync(join(dir, '.cd4ml/cache/files/sha256')).sort();
}

function lastStatus(dir: string): string | undefined {
  const record = JSON.parse(readFileSync(join(dir, 'cd4ml-run.json'), 'utf8')) as {
    stages: Record<string, { status: string }>;
  };
  return record.stages.train?.status;
}

describe('cd4ml gc', () => {
  it('keeps what the lock and the newest runs refer to, removes the rest, and says what it freed', async () => {
    const p = project(PIPELINE);
    const run = (...args: string[]) => runCli('run', '-f', join(p.dir, 'cd4ml.yaml'), ...args);
    for (const C of ['2', '3', '4']) expect((await run('--set', `train.C=${C}`)).code).toBe(0);
    expect((await run()).code).toBe(0); // C=1: in the lock
    expect(objects(p.dir)).toHaveLength(4);

    const dry = await runCli('gc', '--root', p.dir, '--keep-runs', '2', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /^Would remove 2 cache objects \([^)]+\) and 2 run-cache entries; kept 2 \([^)]+\) for 1 outs in the lock, 2 runs and 0 branch heads\.\n$/,
    );
    expect(objects(p.dir)).toHaveLength(4);

    const gc = await runCli('gc', '--root', p.dir, '--keep-runs', '2');
    expect(gc.stdout).toMatch(/^Removed 2 cache objects/);
    expect(objects(p.dir)).toHaveLength(2);
    // The newest runs (C=4, and C=1 of the lock) are still restorable; C=2 is gone and runs.
    expect((await run('--set', 'train.C=4')).code).toBe(0);
    expect(lastStatus(p.dir)).toBe('cached');
    expect((await run('--set', 'train.C=2')).code).toBe(0);
    expect(lastStatus(p.dir)).toBe('ran');
  });

  it('refuses to start while a run holds the workspace (exit 2)', async () => {
    const p = project(PIPELINE);
    const lock = await acquireWorkspaceLock(p.dir, { command: 'cd4ml run' });
    try {
      const gc = await runCli('gc', '--root', p.dir);
      expect(gc.code).toBe(2);
      expect(gc.stderr).toContain('another cd4ml run holds this workspace');
    } finally {
      lock.release();
    }
  });

  it("keeps the runs of every local branch's head, however old", async () => {
    const p = project({ ...PIPELINE, '.gitignore': '.cd4ml/\ncd4ml-run.json\nmodel.txt\n' });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: p.dir,
      });
    const run = (...args: string[]) => runCli('run', '-f', join(p.dir, 'cd4ml.yaml'), ...args);
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'a');
    git('branch', 'keep-a');
    await run('--set', 'train.C=2'); // at a, which keep-a points at
    git('commit', '-qm', 'b', '--allow-empty');
    await run('--set', 'train.C=3'); // at b, which no branch points at
    git('commit', '-qm', 'c', '--allow-empty');
    await run('--set', 'train.C=4'); // at c, main's head
    await run(); // C=1, in the lock
    const gc = await runCli('gc', '--root', p.dir, '--keep-runs', '0');
    expect(gc.stdout).toMatch(/^Removed 1 cache object .* 2 branch heads\.\n$/);
    for (const [C, status] of [
      ['2', 'cached'],
      ['3', 'ran'],
      ['4', 'cached'],
    ] as const) {
      await run('--set', `train.C=${C}`);
      expect(lastStatus(p.dir), `C=${C}`).toBe(status);
    }
  });
});
