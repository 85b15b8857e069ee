import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, cliPath, waitFor } from '../../core/runner/fault-testing.js';
import { tempProjects } from '../../core/testing/project.js';

const project = tempProjects();
const started: ChildProcess[] = [];
// A test that fails midway must not leave its runs (and their stages) behind.
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Started {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  stderr: () => string;
}

function start(dir: string, ...args: string[]): Started {
  // `--env X` (first) is for the test, not the CLI: KILL_AT=X in the runner's environment.
  const killAt = args[0] === '--env' ? args[1] : undefined;
  if (killAt !== undefined) args = args.slice(2);
  const child = spawn(process.execPath, [cliPath(), 'run', ...args], {
    cwd: dir,
    env: { ...process.env, CI: 'true', ...(killAt ? { KILL_AT: killAt } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, exited, stderr: () => stderr };
}

function readIfAny(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** A stage that records its own pid (and its grandchild's), then runs until killed. */
const HANGING = {
  'cd4ml.yaml': [
    'stages:',
    '  hang:',
    `    cmd: sh -c 'sleep 60 & echo $! > child.pid; echo $$ > stage.pid; wait'`,
    '    outs: [never.txt]',
    '',
  ].join('\n'),
};

describe('cd4ml run under faults', () => {
  for (const signal of ['SIGKILL', 'SIGHUP', 'SIGTERM'] as const) {
    it(`takes its stages' whole process trees down when the runner gets ${signal}`, async () => {
      const p = project(HANGING);
      const run = start(p.dir);
      await waitFor(() => /\n$/.test(readIfAny(join(p.dir, 'stage.pid'))), 'the stage to start');
      const stage = Number(readFileSync(join(p.dir, 'stage.pid'), 'utf8'));
      await waitFor(
        () => /\n$/.test(readIfAny(join(p.dir, 'child.pid'))),
        'the grandchild to start',
      );
      const grandchild = Number(readFileSync(join(p.dir, 'child.pid'), 'utf8'));
      expect(alive(stage)).toBe(true);
      run.child.kill(signal);
      const exit = await run.exited;
      if (signal === 'SIGKILL') expect(exit.signal).toBe('SIGKILL');
      else expect(exit.code).toBe(signal === 'SIGHUP' ? 129 : 143);
      await waitFor(() => !alive(stage) && !alive(grandchild), 'the stage to die', 5000);
      // The workspace is free again and the killed stage left nothing in the lock.
      expect(existsSync(join(p.dir, 'cd4ml.lock'))).toBe(false);
    });
  }

  it('lets one run at a time into a workspace: the second exits 2 naming the first, or waits with --wait', async () => {
    const p = project({
      'cd4ml.yaml':
        'stages:\n  slow:\n    cmd: touch started; while [ ! -f go ]; do sleep 0.01; done; echo ok >> out.txt\n    outs: [out.txt]\n    timeout: 20s\n',
    });
    const first = start(p.dir);
    await waitFor(() => existsSync(join(p.dir, 'started')), 'the first run to start its stage');
    const second = start(p.dir);
    const refused = await second.exited;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      new RegExp(
        `another cd4ml run holds this workspace \\(pid ${first.child.pid}, started [^:]+:[^)]*run\\)`,
      ),
    );
    const waiting = start(p.dir, '--wait', '--force');
    await waitFor(() => waiting.stderr().includes('waiting for another run'), 'the wait message');
    p.write('go', '');
    expect((await first.exited).code).toBe(0);
    expect((await waiting.exited).code).toBe(0);
    // Each run appended its line alone: never two runs interleaved in one out.
    expect(readFileSync(join(p.dir, 'out.txt'), 'utf8')).toBe('ok\n');
  });

  it('keeps every stage that finished before a kill -9: the rerun skips or restores them and runs only the rest', async () => {
    const p = project({
      'cd4ml.yaml': [
        'stages:',
        '  a:',
        '    cmd: echo a >> ran.log; echo A > a.txt',
        '    deps: [src.txt]',
        '    outs: [a.txt]',
        '  b:',
        '    cmd: echo b >> ran.log; echo B > b.txt',
        '    deps: [src.txt]',
        '    outs: [b.txt]',
        '  c:',
        '    cmd: echo c >> ran.log; touch c.started; while [ ! -f go ]; do sleep 0.01; done; cat a.txt b.txt > c.txt',
        '    deps: [a.txt, b.txt]',
        '    outs: [c.txt]',
        '    timeout: 20s',
        '',
      ].join('\n'),
      'src.txt': 'src\n',
    });
    const killed = start(p.dir, '--jobs', '1');
    await waitFor(() => existsSync(join(p.dir, 'c.started')), 'stage c to start');
    // a and b are recorded as they finish (the run-cache line follows its objects' copy).
    const lines = (file: string) => readIfAny(join(p.dir, file)).split('\n').length - 1;
    await waitFor(
      () => lines('.cd4ml/cache/runs.jsonl') === 2 && lines('.cd4ml/lock-journal.jsonl') === 2,
      'a and b to be recorded',
      5000,
    );
    killed.child.kill('SIGKILL');
    await killed.exited;
    // b's out is gone too: it comes back from the run-cache, which a finished stage wrote at once.
    rmSync(join(p.dir, 'b.txt'));
    p.write('go', '');
    const rerun = start(p.dir, '--jobs', '1');
    expect((await rerun.exited).code).toBe(0);
    const record = JSON.parse(readFileSync(join(p.dir, 'cd4ml-run.json'), 'utf8')) as {
      stages: Record<string, { status: string }>;
    };
    expect(
      Object.fromEntries(Object.entries(record.stages).map(([k, v]) => [k, v.status])),
    ).toEqual({
      a: 'unchanged',
      b: 'cached',
      c: 'ran',
    });
    expect(readFileSync(join(p.dir, 'ran.log'), 'utf8')).toBe('a\nb\nc\nc\n');
    expect(readFileSync(join(p.dir, 'c.txt'), 'utf8')).toBe('A\nB\n');
  });

  for (const signal of ['SIGKILL', 'SIGINT', 'SIGTERM'] as const) {
    it(`never lets a what-if (--set) killed by ${signal} leak into the next run`, async () => {
      const original = 'train:\n  C: 1 # the committed value\n';
      const p = project({
        'params.yaml': original,
        'cd4ml.yaml': [
          'stages:',
          '  train:',
          '    cmd: touch started; while [ ! -f go ]; do sleep 0.01; done; echo C=${train.C} > model.txt',
          '    params: [train.C]',
          '    outs: [model.txt]',
          '    timeout: 20s',
          '',
        ].join('\n'),
      });
      const whatIf = start(p.dir, '--set', 'train.C=0.5');
      await waitFor(() => existsSync(join(p.dir, 'started')), 'the what-if stage to start');
      expect(readFileSync(join(p.dir, 'params.yaml'), 'utf8')).toContain('C: 0.5');
      whatIf.child.kill(signal);
      await whatIf.exited;
      // A handled signal puts the file back on the way out; SIGKILL leaves it to the next run.
      if (signal !== 'SIGKILL')
        expect(readFileSync(join(p.dir, 'params.yaml'), 'utf8')).toBe(original);
      rmSync(join(p.dir, 'started'));
      p.write('go', '');
      const next = start(p.dir);
      const done = await next.exited;
      expect(done.code).toBe(0);
      if (signal === 'SIGKILL')
        expect(done.stderr).toContain('had changed params.yaml: put back as it was');
      expect(readFileSync(join(p.dir, 'params.yaml'), 'utf8')).toBe(original);
      expect(readFileSync(join(p.dir, 'model.txt'), 'utf8')).toBe('C=1\n');
    });
  }

  it('refuses --set keys that do not exist, with exit 2 and a suggestion', async () => {
    const p = project({
      'params.yaml': 'train:\n  max_iter: 100\n',
      'cd4ml.yaml':
        'stages:\n  a:\n    cmd: echo ${train.max_iter} > a.txt\n    params: [train.max_iter]\n    outs: [a.txt]\n',
    });
    const typo = await start(p.dir, '--set', 'train.max_iterr=5').exited;
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      "'params.yaml' has no key 'train.max_iterr'; did you mean 'train.max_iter'?",
    );
    const unknown = await start(p.dir, '--set', 'nosuch.key=1').exited;
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'params.yaml' has no key 'nosuch.key'");
    expect(readFileSync(join(p.dir, 'params.yaml'), 'utf8')).toBe('train:\n  max_iter: 100\n');
  });

  // A chain s1 → s2 → s3 → s4; the runner is killed while stage `killAt` runs.
  for (const killAt of [2, 3, 4]) {
    it(`after a kill -9 while s${killAt} of 4 runs, reruns from s${killAt} on and keeps s1…s${killAt - 1}`, async () => {
      const stage = (n: number) =>
        [
          `  s${n}:`,
          `    cmd: echo s${n} >> ran.log; if [ "$CD4ML_STAGE" = "$KILL_AT" ]; then touch killpoint; while [ ! -f go ]; do sleep 0.01; done; fi; cat ${n === 1 ? 'seed.txt' : `s${n - 1}.txt`} > s${n}.txt; echo s${n} >> s${n}.txt`,
          `    deps: [${n === 1 ? 'seed.txt' : `s${n - 1}.txt`}]`,
          `    outs: [s${n}.txt]`,
          '    timeout: 20s',
        ].join('\n');
      const p = project({
        'seed.txt': 'seed\n',
        'cd4ml.yaml': `stages:\n${[1, 2, 3, 4].map(stage).join('\n')}\n`,
      });
      const killed = start(p.dir, '--env', `s${killAt}`);
      await waitFor(() => existsSync(join(p.dir, 'killpoint')), `s${killAt} to start`);
      // The stages before it are recorded as they finish (the scheduler starts the next
      // stage first, then records: wait for the records, not for a time).
      const lines = (file: string) => readIfAny(join(p.dir, file)).split('\n').length - 1;
      await waitFor(
        () =>
          lines('.cd4ml/cache/runs.jsonl') === killAt - 1 &&
          lines('.cd4ml/lock-journal.jsonl') === killAt - 1,
        'the finished stages to be recorded',
        5000,
      );
      killed.child.kill('SIGKILL');
      await killed.exited;
      // The first stage's out goes missing too: it comes back from the run-cache.
      rmSync(join(p.dir, 's1.txt'));
      p.write('go', '');
      const rerun = await start(p.dir).exited;
      expect(rerun.code).toBe(0);
      const record = JSON.parse(readFileSync(join(p.dir, 'cd4ml-run.json'), 'utf8')) as {
        stages: Record<string, { status: string }>;
      };
      const expected = Object.fromEntries(
        [1, 2, 3, 4].map((n) => [`s${n}`, n >= killAt ? 'ran' : n === 1 ? 'cached' : 'unchanged']),
      );
      expect(
        Object.fromEntries(Object.entries(record.stages).map(([k, v]) => [k, v.status])),
      ).toEqual(expected);
      const before = [1, 2, 3, 4].filter((n) => n <= killAt).map((n) => `s${n}`);
      const after = [1, 2, 3, 4].filter((n) => n >= killAt).map((n) => `s${n}`);
      expect(readFileSync(join(p.dir, 'ran.log'), 'utf8')).toBe(
        `${[...before, ...after].join('\n')}\n`,
      );
      expect(readFileSync(join(p.dir, 's4.txt'), 'utf8')).toBe('seed\ns1\ns2\ns3\ns4\n');
    });
  }
});
