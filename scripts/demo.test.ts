// `npm run demo` as a newcomer runs it: Node and git on PATH and no Python at all (a python3
// there would only record that it was called), within its 60 s budget, cleaning up after
// itself — also when interrupted with Ctrl-C.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..');
const DEMO = join(REPO, 'scripts', 'demo.mjs');
const BUDGET_MS = 60_000;
const cleanups: string[] = [];

afterEach(() => {
  for (const dir of cleanups.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Sandbox {
  /** PATH for the demo: node, git, and python shims that record being called. */
  bin: string;
  /** TMPDIR for the demo: its scratch directory is made here. */
  tmp: string;
  /** Written by the python shims. */
  pythonCalled: string;
}

function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'cd4ml-demo-test-'));
  cleanups.push(root);
  const bin = join(root, 'bin');
  const tmp = join(root, 'tmp');
  execFileSync('mkdir', [bin, tmp]);
  symlinkSync(process.execPath, join(bin, 'node'));
  const git = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  symlinkSync(git, join(bin, 'git'));
  const pythonCalled = join(root, 'python-called');
  for (const name of ['python3', 'python']) {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "$0 $*" >> '${pythonCalled}'\nexit 127\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { bin, tmp, pythonCalled };
}

/** The demo's scratch directories in the sandbox's TMPDIR. */
function scratchDirs(box: Sandbox): string[] {
  return readdirSync(box.tmp).filter((name) => name.startsWith('cd4ml-demo-'));
}

function startDemo(
  box: Sandbox,
  args: string[] = [],
  { group = false, env = {} }: { group?: boolean; env?: NodeJS.ProcessEnv } = {},
) {
  const child = spawn(process.execPath, [DEMO, ...args], {
    cwd: REPO,
    // In a process group of its own, as a terminal runs it: Ctrl-C reaches every process in it.
    detached: group,
    env: {
      HOME: process.env.HOME,
      PATH: box.bin,
      TMPDIR: box.tmp,
      NO_COLOR: '1',
      LANG: 'C.UTF-8',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return {
    child,
    exit,
    output: () => output,
    /** Resolves with the first match of `pattern` in the output; rejects if the demo exits first. */
    waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      return new Promise((found, fail) => {
        const check = (): void => {
          const match = pattern.exec(output);
          if (match) {
            listeners.delete(check);
            found(match);
          }
        };
        listeners.add(check);
        check();
        void exit.then((code) =>
          fail(new Error(`the demo exited with ${code} before printing ${pattern}:\n${output}`)),
        );
      });
    },
  };
}

describe('npm run demo', () => {
  it('runs end to end with Node and git only, within 60 s, and removes its scratch directory', async () => {
    const box = sandbox();
    const started = performance.now();
    const demo = startDemo(box);
    const code = await demo.exit;
    const elapsed = performance.now() - started;
    const output = demo.output();
    expect(code, output).toBe(0);
    expect(
      elapsed,
      `the demo took ${(elapsed / 1000).toFixed(1)} s, over its ${BUDGET_MS / 1000} s budget`,
    ).toBeLessThan(BUDGET_MS);

    // Python was never called, not even by a stage.
    expect(existsSync(box.pythonCalled), 'python was called').toBe(false);
    // Every step, in order.
    const steps = [...output.matchAll(/^\[(\d)\/7\]/gm)].map((m) => Number(m[1]));
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(output).toMatch(/Pipeline succeeded: 6 ran/);
    expect(output).toMatch(/Pipeline succeeded: 3 unchanged, 3 ran/);
    expect(output).toMatch(
      /the run-cache reused 3 of 6 stages: prepare, train@softmax, evaluate@softmax/,
    );
    // The report's verdict line, and the report files.
    expect(output).toMatch(/^ {4}[✔✘•] gate (success|failure|neutral): /m);
    expect(output).toMatch(/wrote report\.md \(\d[\d,]* characters/);
    if (existsSync('/usr/bin/chromium')) expect(output).toMatch(/wrote report\.png \(\d+ kB/);
    else expect(output).toMatch(/skipped report\.png: no Chromium/);
    // The three protocols' answers: a versicolor, class 1.
    expect(output).toMatch(
      /TF Serving POST \/v1\/models\/iris:predict\n +→ 200 \{"predictions":\[\{"label":1,"probabilities":\[/,
    );
    expect(output).toMatch(
      /KServe V2 +POST \/v2\/models\/iris\/infer\n +→ 200 \{"model_name":"iris","model_version":"1","outputs":\[\{"name":"label","datatype":"INT64","shape":\[1\],"data":\[1\]\}/,
    );
    expect(output).toMatch(
      /MLflow +POST \/invocations\n +→ 200 \{"predictions":\[\{"label":1,"probabilities":\[/,
    );
    // The swap: no request failed, both versions answered, version 2 serves alone.
    expect(output).toMatch(
      /✔ [\d,]+ requests during the swap, 0 failed · version 1 answered [1-9]\d*, version 2 answered [1-9]\d*/,
    );
    expect(output).toMatch(/GET \/v1\/models\/iris → version 2 AVAILABLE\n/);
    expect(output).toMatch(/the server exited 0/);
    // No JSON log lines between the steps.
    expect(output).not.toMatch(/^\s*\{"level":/m);
    // Cleaned up.
    expect(output).toMatch(/✔ removed /);
    expect(readdirSync(box.tmp), 'left in the temp directory').toEqual([]);
  }, 120_000);

  it('on Ctrl-C with the server up: stops the server, removes the scratch directory, exits 130', async () => {
    const box = sandbox();
    const demo = startDemo(box, [], { group: true });
    const [, url] = await demo.waitFor(/the server is up at (http:\/\/\S+)/);
    expect(scratchDirs(box)).toHaveLength(1);
    // What a terminal does on Ctrl-C: SIGINT to the demo, the server and every other child.
    process.kill(-demo.child.pid!, 'SIGINT');
    expect(await demo.exit, demo.output()).toBe(130);
    expect(demo.output()).toMatch(/Interrupted \(SIGINT\): stopping /);
    await expect(fetch(`${url}/v2/health/live`)).rejects.toThrow();
    expect(scratchDirs(box)).toEqual([]);
  }, 120_000);

  it('on Ctrl-C while the pipeline runs: stops it, removes the scratch directory, exits 130', async () => {
    const box = sandbox();
    const demo = startDemo(box);
    await demo.waitFor(/▶ prepare started/);
    // SIGINT to the demo alone (kill -INT): it stops `cd4ml run` itself.
    demo.child.kill('SIGINT');
    expect(await demo.exit, demo.output()).toBe(130);
    expect(scratchDirs(box)).toEqual([]);
  }, 120_000);

  it('without Chromium, skips report.png and goes on; --keep leaves the scratch directory', async () => {
    const box = sandbox();
    const demo = startDemo(box, ['--keep'], {
      env: { CHROMIUM_PATH: join(box.tmp, 'no-chromium-here') },
    });
    await demo.waitFor(/skipped report\.png: no Chromium at .*no-chromium-here/);
    await demo.waitFor(/\[4\/7\]/);
    demo.child.kill('SIGINT');
    expect(await demo.exit, demo.output()).toBe(130);
    const [scratch] = scratchDirs(box);
    expect(scratch).toMatch(/^cd4ml-demo-/);
    expect(readdirSync(join(box.tmp, scratch!)).sort()).toEqual(['iris', 'models', 'report.md']);
  }, 120_000);
});
