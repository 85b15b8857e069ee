import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRunning, tempProjects } from '../testing/project.js';
import { parseOverride } from './params.js';
import { runPipeline, type RunEvent, type RunOptions } from './run.js';
import { pipelineStatus } from './status.js';
import { readLock } from './lock-file.js';
import { sha256File } from './hash.js';
import { waitFor } from './fault-testing.js';

const project = tempProjects();

async function run(dir: string, opts: Partial<RunOptions> = {}) {
  const events: RunEvent[] = [];
  const result = await runPipeline({
    pipelineFile: join(dir, 'cd4ml.yaml'),
    jobs: 2,
    onEvent: (e) => events.push(e),
    ...opts,
  });
  const status = Object.fromEntries(
    Object.entries(result.stages).map(([name, s]) => [name, s.status]),
  );
  return { result, events, status };
}

const CHAIN = {
  'raw.txt': 'hello\n',
  'params.yaml': 'train:\n  C: 1\n  seed: 7\nother: 1\n',
  'cd4ml.yaml': [
    'stages:',
    '  prepare:',
    '    cmd: tr a-z A-Z < raw.txt > prepared.txt',
    '    deps: [raw.txt]',
    '    outs: [prepared.txt]',
    '  train:',
    '    cmd: echo "C=${train.C} root=$CD4ML_ROOT stage=$CD4ML_STAGE" | cat prepared.txt - > model.txt',
    '    deps: [prepared.txt]',
    '    params: [train.C]',
    '    outs: [model.txt]',
    '',
  ].join('\n'),
};

describe('runPipeline', () => {
  it('runs stages in order through the shell with CD4ML_ROOT and CD4ML_STAGE, then skips them when nothing changed', async () => {
    const p = project(CHAIN);
    const first = await run(p.dir);
    expect(first.status).toEqual({ prepare: 'ran', train: 'ran' });
    expect(readFileSync(join(p.dir, 'model.txt'), 'utf8')).toBe(
      `HELLO\nC=1 root=${p.dir} stage=train\n`,
    );
    const second = await run(p.dir);
    expect(second.status).toEqual({ prepare: 'unchanged', train: 'unchanged' });
    expect(readFileSync(join(p.dir, '.cd4ml/.gitignore'), 'utf8')).toContain('*\n');
    expect(readLock(join(p.dir, 'cd4ml.lock')).stages.train?.params).toEqual({
      'params.yaml': { 'train.C': 1 },
    });
  });

  it('reruns only what a changed param or dep affects, and restores earlier results from the run-cache', async () => {
    const p = project(CHAIN);
    await run(p.dir);
    // An unrelated param does not matter.
    p.write('params.yaml', 'train:\n  C: 1\n  seed: 7\nother: 2\n');
    expect((await run(p.dir)).status).toEqual({ prepare: 'unchanged', train: 'unchanged' });
    p.write('params.yaml', 'train:\n  C: 2\n  seed: 7\nother: 2\n');
    expect(await pipelineStatus(join(p.dir, 'cd4ml.yaml'))).toEqual([
      { stage: 'prepare', action: 'unchanged', reasons: [] },
      // The cmd interpolates ${train.C}, so it changed too.
      { stage: 'train', action: 'run', reasons: ['cmd changed', 'param changed: train.C'] },
    ]);
    expect((await run(p.dir)).status).toEqual({ prepare: 'unchanged', train: 'ran' });
    expect(readFileSync(join(p.dir, 'model.txt'), 'utf8')).toContain('C=2');
    // Back to C=1: that run is in the run-cache, so it is restored, not run.
    p.write('params.yaml', 'train:\n  C: 1\n  seed: 7\nother: 2\n');
    const back = await run(p.dir);
    expect(back.status).toEqual({ prepare: 'unchanged', train: 'cached' });
    expect(readFileSync(join(p.dir, 'model.txt'), 'utf8')).toContain('C=1');
    p.write('raw.txt', 'bye\n');
    expect((await run(p.dir)).status).toEqual({ prepare: 'ran', train: 'ran' });
  });

  it('reruns a stage whose out was deleted or edited', async () => {
    const p = project(CHAIN);
    await run(p.dir);
    p.write('model.txt', 'tampered');
    const status = await pipelineStatus(join(p.dir, 'cd4ml.yaml'));
    expect(status[1]).toEqual({
      stage: 'train',
      action: 'restore',
      reasons: ['out changed: model.txt'],
    });
    expect((await run(p.dir)).status.train).toBe('cached');
    expect(readFileSync(join(p.dir, 'model.txt'), 'utf8')).toContain('HELLO');
  });

  it('stops at the first failure, skips dependents, writes no lock entry for the failure, and exits with its reason', async () => {
    const p = project({
      'cd4ml.yaml': [
        'stages:',
        '  bad:',
        '    cmd: echo about to fail; exit 3',
        '    outs: [bad.txt]',
        '  after:',
        '    cmd: cat bad.txt > after.txt',
        '    deps: [bad.txt]',
        '    outs: [after.txt]',
        '',
      ].join('\n'),
    });
    const { result, status } = await run(p.dir, { jobs: 1 });
    expect(status).toEqual({ bad: 'failed', after: 'skipped' });
    expect(result.failures).toEqual([
      {
        stage: 'bad',
        message: "stage 'bad' exited with code 3: echo about to fail; exit 3",
        logFile: join(p.dir, '.cd4ml/logs/bad.log'),
      },
    ]);
    expect(readFileSync(result.failures[0]!.logFile, 'utf8')).toBe(
      '$ echo about to fail; exit 3\nabout to fail\n',
    );
    expect(result.stages.after?.reason).toBe("upstream stage 'bad' did not succeed");
    expect(readLock(join(p.dir, 'cd4ml.lock')).stages).toEqual({});
  });

  it('with keep-going runs the independent branches; without it, does not start new ones', async () => {
    const files = {
      'cd4ml.yaml':
        'stages:\n  bad:\n    cmd: exit 1\n  slow:\n    cmd: sleep 0.3 && echo ok > slow.txt\n    outs: [slow.txt]\n  other:\n    cmd: echo ok > other.txt\n    outs: [other.txt]\n',
    };
    const p = project(files);
    const stopping = await run(p.dir, { jobs: 1 });
    expect(stopping.status).toEqual({ bad: 'failed', slow: 'skipped', other: 'skipped' });
    expect(stopping.result.stages.other?.reason).toBe(
      "not started: the run stopped after 'bad' failed",
    );
    const going = await run(p.dir, { jobs: 1, keepGoing: true });
    expect(going.status).toEqual({ bad: 'failed', slow: 'ran', other: 'ran' });
  });

  it('retries a flaky stage and counts the attempts', async () => {
    const p = project({
      'cd4ml.yaml':
        'stages:\n  flaky:\n    cmd: if [ -f tried ]; then echo ok > out.txt; else touch tried; exit 1; fi\n    outs: [out.txt]\n    retries: 2\n',
    });
    const { result, events } = await run(p.dir);
    expect(result.stages.flaky).toMatchObject({ status: 'ran', attempts: 2 });
    expect(events.filter((e) => e.type === 'retry')).toEqual([
      {
        type: 'retry',
        stage: 'flaky',
        attempt: 1,
        message:
          'exited with code 1: if [ -f tried ]; then echo ok > out.txt; else touch tried; exit 1; fi',
      },
    ]);
  });

  it('kills the whole process tree of a stage that times out', async () => {
    const p = project({
      'cd4ml.yaml':
        'stages:\n  hang:\n    cmd: (sleep 30 & echo $! > grandchild.pid; wait)\n    timeout: 300ms\n',
    });
    const { result } = await run(p.dir);
    expect(result.stages.hang?.status).toBe('failed');
    expect(result.failures[0]?.message).toBe(
      `stage 'hang' timed out after 300\u00a0ms (timeout set at ${result.pipeline.stages[0]!.location.file}:4:14); its process tree was killed`,
    );
    const pid = Number(readFileSync(join(p.dir, 'grandchild.pid'), 'utf8'));
    await waitFor(() => !isRunning(pid), 'the timed-out stage tree to die');
    expect(isRunning(pid)).toBe(false);
  });

  it('removes outs before running (unless persist) and fails a stage that does not write its out', async () => {
    const p = project({
      'old.txt': 'stale',
      'kept.txt': 'kept',
      'cd4ml.yaml':
        'stages:\n  forgetful:\n    cmd: ls > listing.txt\n    outs: [old.txt, listing.txt, {kept.txt: {persist: true}}]\n',
    });
    const { result } = await run(p.dir);
    expect(result.failures[0]?.message).toBe(
      "stage 'forgetful' finished but did not write its out 'old.txt'",
    );
    const listing = readFileSync(join(p.dir, 'listing.txt'), 'utf8');
    expect(listing).toContain('kept.txt');
    expect(listing).not.toContain('old.txt');
  });

  it('applies --set overrides for one run and puts params.yaml back', async () => {
    const p = project(CHAIN);
    const original = readFileSync(join(p.dir, 'params.yaml'), 'utf8');
    await run(p.dir, { overrides: [parseOverride('train.C=0.5')] });
    expect(readFileSync(join(p.dir, 'model.txt'), 'utf8')).toContain('C=0.5');
    expect(readFileSync(join(p.dir, 'params.yaml'), 'utf8')).toBe(original);
    // The next plain run sees C=1 again and reruns train.
    expect((await run(p.dir)).status.train).not.toBe('unchanged');
  });

  it('runs independent stages in parallel up to --jobs', async () => {
    const stages = ['a', 'b', 'c', 'd'].map(
      (n) =>
        `  ${n}:\n    cmd: date +%s%N > ${n}.start; sleep 0.3; date +%s%N > ${n}.end\n    outs: [${n}.start, ${n}.end]\n`,
    );
    const p = project({ 'cd4ml.yaml': `stages:\n${stages.join('')}` });
    await run(p.dir, { jobs: 2 });
    const read = (f: string) => Number(readFileSync(join(p.dir, f), 'utf8')) / 1e6;
    const spans = ['a', 'b', 'c', 'd'].map((n) => [read(`${n}.start`), read(`${n}.end`)] as const);
    const maxOverlap = Math.max(
      ...spans.map(([s]) => spans.filter(([s2, e2]) => s2 <= s && s < e2).length),
    );
    expect(maxOverlap).toBe(2);
  });

  it('passes commands and env values through the shell untouched: quotes, $, newlines', async () => {
    const p = project({
      'cd4ml.yaml': [
        'stages:',
        '  quoting:',
        '    cmd: |-',
        '      printf "%s|%s|%s\\n" "it\'s" \'$HOME stays\' "$GREETING" > out.txt',
        '      echo "second line" >> out.txt',
        '    env:',
        '      GREETING: "a \'quoted\' $value"',
        '    outs: [out.txt]',
        '',
      ].join('\n'),
    });
    const { status } = await run(p.dir);
    expect(status.quoting).toBe('ran');
    expect(readFileSync(join(p.dir, 'out.txt'), 'utf8')).toBe(
      "it's|$HOME stays|a 'quoted' $value\nsecond line\n",
    );
  });

  it('parses overrides and rejects malformed ones', () => {
    expect(parseOverride('train.C=0.5')).toEqual({
      file: 'params.yaml',
      key: 'train.C',
      value: 0.5,
      text: 'train.C=0.5',
    });
    expect(parseOverride('conf.yaml:model=lr')).toMatchObject({
      file: 'conf.yaml',
      key: 'model',
      value: 'lr',
    });
    expect(() => parseOverride('train.C')).toThrow("--set 'train.C' is not key=value");
  });

  it('never leaves temp files of the lock behind', async () => {
    const p = project(CHAIN);
    await run(p.dir);
    expect(existsSync(join(p.dir, 'cd4ml.lock'))).toBe(true);
    writeFileSync(join(p.dir, 'raw.txt'), 'changed\n');
    await run(p.dir);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(p.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});

describe('one run per workspace', () => {
  it('refuses a second run while one is running, naming it, and releases the workspace on every exit path', async () => {
    const p = project({
      'cd4ml.yaml':
        'stages:\n  slow:\n    cmd: touch started; while [ ! -f go ]; do sleep 0.01; done; echo ok > out.txt\n    outs: [out.txt]\n    timeout: 20s\n',
    });
    const first = run(p.dir, { command: 'cd4ml run (first)' });
    await waitFor(() => existsSync(join(p.dir, 'started')));
    await expect(run(p.dir)).rejects.toThrow(
      /another cd4ml run holds this workspace \(pid \d+, started .*: cd4ml run \(first\)\)/,
    );
    const notices: string[] = [];
    await pipelineStatus(join(p.dir, 'cd4ml.yaml'), [], (m) => notices.push(m));
    expect(notices).toEqual([
      expect.stringMatching(/^a run is in progress \(pid \d+, .*cd4ml run \(first\)\)/),
    ]);
    writeFileSync(join(p.dir, 'go'), '');
    expect((await first).status).toEqual({ slow: 'ran' });
    // A pipeline that fails to load releases the workspace too.
    p.write('cd4ml.yaml', 'stages: [oops\n');
    await expect(run(p.dir)).rejects.toThrow();
    p.write('cd4ml.yaml', 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n');
    expect((await run(p.dir)).status).toEqual({ a: 'ran' });
  });
});

describe('run-cache objects are verified when restored', () => {
  const objectOf = (dir: string, hash: string) => join(dir, '.cd4ml/cache/files/sha256', hash);
  const lockedOut = (dir: string, stage: string) =>
    readLock(join(dir, 'cd4ml.lock')).stages[stage]!.outs![0]!.hash;

  for (const [damage, edit] of [
    ['edited (same size)', (text: string) => text.replace('HELLO', 'JELLO')],
    ['torn (truncated)', (text: string) => text.slice(0, 3)],
  ] as const) {
    it(`drops an object that was ${damage} and reruns the stage instead of restoring it`, async () => {
      const p = project(CHAIN);
      await run(p.dir);
      const object = objectOf(p.dir, lockedOut(p.dir, 'prepare'));
      writeFileSync(object, edit(readFileSync(object, 'utf8')));
      rmSync(join(p.dir, 'prepared.txt'));
      const again = await run(p.dir);
      expect(again.status).toEqual({ prepare: 'ran', train: 'unchanged' });
      expect(again.result.stages.prepare?.reason).toBe(
        'out missing: prepared.txt, run-cache copy damaged: prepared.txt',
      );
      expect(readFileSync(join(p.dir, 'prepared.txt'), 'utf8')).toBe('HELLO\n');
      // The rerun stored the right bytes again under the object's name.
      expect(sha256File(object)).toBe(lockedOut(p.dir, 'prepare'));
    });
  }

  it('checks every file of a directory out, and --force replaces a damaged object', async () => {
    const p = project({
      'cd4ml.yaml':
        'stages:\n  split:\n    cmd: mkdir -p parts && echo one > parts/1.txt && echo two > parts/2.txt\n    deps: [seed.txt]\n    outs: [parts]\n',
      'seed.txt': 'seed\n',
    });
    await run(p.dir);
    const two = sha256File(join(p.dir, 'parts/2.txt'));
    writeFileSync(objectOf(p.dir, two), 'TWO\n');
    rmSync(join(p.dir, 'parts'), { recursive: true });
    expect((await run(p.dir)).status).toEqual({ split: 'ran' });
    expect(readFileSync(join(p.dir, 'parts/2.txt'), 'utf8')).toBe('two\n');
    expect(sha256File(objectOf(p.dir, two))).toBe(two);
    // Same size, wrong bytes, and the workspace copy is fine: only --force rewrites the object.
    writeFileSync(objectOf(p.dir, two), 'TWO\n');
    expect((await run(p.dir, { force: true })).status).toEqual({ split: 'ran' });
    expect(sha256File(objectOf(p.dir, two))).toBe(two);
  });
});

describe('--set what-if runs', () => {
  it('rejects keys its params file does not have, suggesting the nearest, before anything is written', async () => {
    const p = project(CHAIN);
    const original = readFileSync(join(p.dir, 'params.yaml'), 'utf8');
    const attempt = run(p.dir, {
      overrides: [parseOverride('train.seeed=5'), parseOverride('nosuch.key=1')],
    });
    await expect(attempt).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(attempt).rejects.toThrow(
      "--set train.seeed=5: 'params.yaml' has no key 'train.seeed'; did you mean 'train.seed'?\n--set nosuch.key=1: 'params.yaml' has no key 'nosuch.key' (its keys: train.C, train.seed, other)",
    );
    await expect(run(p.dir, { overrides: [parseOverride('train=1')] })).rejects.toThrow(
      "'train' in 'params.yaml' is a mapping; set one of its keys, e.g. train.C",
    );
    await expect(run(p.dir, { overrides: [parseOverride('new.yaml:a=1')] })).rejects.toThrow(
      "the params file 'new.yaml' does not exist",
    );
    expect(readFileSync(join(p.dir, 'params.yaml'), 'utf8')).toBe(original);
    expect(existsSync(join(p.dir, 'new.yaml'))).toBe(false);
    expect(existsSync(join(p.dir, '.cd4ml/what-if.json'))).toBe(false);
    // Nothing held the workspace after the refusals.
    expect((await run(p.dir)).status).toEqual({ prepare: 'ran', train: 'ran' });
  });

  it('undoes a what-if that was killed before it put params.yaml back, at the start of the next run or status', async () => {
    const p = project(CHAIN);
    const original = readFileSync(join(p.dir, 'params.yaml'), 'utf8');
    // What a run killed by SIGKILL mid-what-if leaves: its journal and the rewritten file.
    const written = original.replace('C: 1', 'C: 0.5');
    p.write('params.yaml', written);
    p.write(
      '.cd4ml/what-if.json',
      JSON.stringify({ pid: 1, files: [{ file: 'params.yaml', original, written }] }),
    );
    const notices: string[] = [];
    await pipelineStatus(join(p.dir, 'cd4ml.yaml'), [], (m) => notices.push(m));
    expect(notices).toEqual([
      'an interrupted --set run (pid 1) had changed params.yaml: put back as it was',
    ]);
    expect(readFileSync(join(p.dir, 'params.yaml'), 'utf8')).toBe(original);
    await run(p.dir);
    expect(readFileSync(join(p.dir, 'model.txt'), 'utf8')).toContain('C=1 ');
    // Edited by the user since the what-if wrote it: their edit wins.
    p.write('params.yaml', original.replace('C: 1', 'C: 3'));
    p.write(
      '.cd4ml/what-if.json',
      JSON.stringify({ pid: 1, files: [{ file: 'params.yaml', original, written }] }),
    );
    const later: string[] = [];
    await run(p.dir, { onNotice: (m) => later.push(m) });
    expect(later).toEqual([
      'an interrupted --set run (pid 1) had changed params.yaml, which was edited since: left as it is',
    ]);
    expect(readFileSync(join(p.dir, 'model.txt'), 'utf8')).toContain('C=3 ');
    expect(existsSync(join(p.dir, '.cd4ml/what-if.json'))).toBe(false);
  });
});

describe('stages started without a shell worker', () => {
  it('run with their env (a name the shell cannot export), no arguments, and their exit code', async () => {
    const p = project({
      'cd4ml.yaml': [
        'stages:',
        '  direct:',
        '    cmd: echo "args=$# first=$1." > out.txt',
        '    env: { A-B: "1" }',
        '    outs: [out.txt]',
        '  failing:',
        '    cmd: exit 3',
        '    env: { A-B: "1" }',
        '',
      ].join('\n'),
    });
    const { result, status } = await run(p.dir, { keepGoing: true });
    expect(status).toEqual({ direct: 'ran', failing: 'failed' });
    expect(readFileSync(join(p.dir, 'out.txt'), 'utf8')).toBe('args=0 first=.\n');
    expect(result.failures[0]?.message).toBe("stage 'failing' exited with code 3: exit 3");
  });

  it('fails a stage whose out fails its checks, before the stages that read it, and runs it again once fixed', async () => {
    const p = project({
      'rows.txt': 'id,age\n1,30\n2,-4\n',
      'cd4ml.yaml': [
        'stages:',
        '  etl:',
        '    cmd: cp rows.txt clean.csv',
        '    deps: [rows.txt]',
        '    outs: [clean.csv]',
        '    checks:',
        '      - { data: clean.csv, column: age, min: 0 }',
        '      - { data: clean.csv, min_rows: 1 }',
        '  train:',
        '    cmd: wc -l clean.csv > model.txt',
        '    deps: [clean.csv]',
        '    outs: [model.txt]',
        '',
      ].join('\n'),
    });
    const first = await run(p.dir, { jobs: 1 });
    expect(first.status).toEqual({ etl: 'failed', train: 'skipped' });
    expect(
      first.result.failures[0]?.message.replace(relative(process.cwd(), p.dir), '<project>'),
    ).toBe(
      "stage 'etl' failed 1 check on its outs (checks at <project>/cd4ml.yaml:7:9): clean.csv line 3, column age: -4 is below min 0",
    );
    expect(first.result.stages.etl?.checks?.map((c) => c.status)).toEqual(['fail', 'pass']);
    expect(existsSync(join(p.dir, 'model.txt'))).toBe(false);
    writeFileSync(join(p.dir, 'rows.txt'), 'id,age\n1,30\n2,4\n');
    const second = await run(p.dir, { jobs: 1 });
    expect(second.status).toEqual({ etl: 'ran', train: 'ran' });
    expect(second.result.stages.etl?.checks?.map((c) => c.status)).toEqual(['pass', 'pass']);
  });
});
