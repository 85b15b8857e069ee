#!/usr/bin/env node
// bench:faults — fault injection against `cd4ml run`, many times over, with random kill points.
//
// One 20-stage pipeline (4 layers × 5, run with --jobs 4): each stage sleeps a little,
// then appends its name and its deps to its out *by path* in two steps — so a stage that
// outlived a killed runner would append into the out of the rerun, and show up as a
// difference from the clean run. Every invariant is checked on every iteration:
//   kill-9     SIGKILL of the runner at a random point, then a rerun: the rerun's outs equal
//              a clean run's; no stage process outlives its runner; every stage recorded as
//              finished before the kill (lock or lock journal) is unchanged/restored, not rerun.
//   signals    the same with SIGINT, SIGTERM and SIGHUP: exit 128+n, same invariants.
//   what-if    SIGKILL during `run --set`: the next plain run sees params.yaml as committed
//              and its outs equal a clean run's.
//   concurrent three runs started at once on a clean workspace: no stage runs twice, the
//              losers exit 2 (or all succeed when the first finished before the others
//              started), outs equal a clean run's.
//   corrupt    a random cache object edited or truncated, outs deleted, rerun: outs equal a
//              clean run's and the object is repaired.
// Usage: node bench/faults/run.mjs [iterations of kill-9, default 50]. CD4ML_CLI overrides
// the binary (default bin/cd4ml.js). Exits 1 if any invariant failed.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const KILLS = Number(process.argv[2] ?? 50);
const cli = process.env.CD4ML_CLI ?? resolve(import.meta.dirname, '../../bin/cd4ml.js');
const LAYERS = 4;
const WIDTH = 5;
const TAG = 'CD4ML_FAULT_TAG';

function pipeline() {
  const lines = ['stages:'];
  for (let layer = 0; layer < LAYERS; layer += 1) {
    for (let i = 0; i < WIDTH; i += 1) {
      const name = `s${layer}_${i}`;
      const deps =
        layer === 0
          ? ['seed.txt']
          : [`out/${layer - 1}_${i}.txt`, `out/${layer - 1}_${(i + 1) % WIDTH}.txt`];
      const out = `out/${layer}_${i}.txt`;
      // 50–290 ms: long enough that a stage outliving a killed runner is still writing when
      // the rerun starts.
      const pause = `0.${5 + (((layer * WIDTH + i) * 7) % 25)}`.replace(/^0\.(\d)$/, '0.0$1');
      lines.push(
        `  ${name}:`,
        `    cmd: sleep ${pause}; echo "${name} C=\${train.C}" >> ${out}; sleep ${pause}; cat ${deps.join(' ')} | head -c 2000 >> ${out}`,
        `    deps: [${deps.join(', ')}]`,
        '    params: [train.C]',
        `    outs: [${out}]`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const PARAMS = 'train:\n  C: 1 # committed\n';

function freshProject() {
  const dir = mkdtempSync(join(tmpdir(), 'cd4ml-faults-'));
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'seed.txt'), 'seed\n');
  writeFileSync(join(dir, 'params.yaml'), PARAMS);
  writeFileSync(join(dir, 'cd4ml.yaml'), pipeline());
  return dir;
}

function start(dir, args, tag) {
  const child = spawn(process.execPath, [cli, 'run', '--jobs', '4', ...args], {
    cwd: dir,
    env: { ...process.env, CI: 'true', [TAG]: tag },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolveExit) =>
    child.on('close', (code, signal) => resolveExit({ code, signal, stderr })),
  );
  return { child, exited };
}

function outs(dir) {
  const result = {};
  const base = join(dir, 'out');
  if (!existsSync(base)) return result;
  for (const name of readdirSync(base).sort())
    result[name] = readFileSync(join(base, name), 'utf8');
  return result;
}

function tagged(tag) {
  const needle = `\0${TAG}=${tag}\0`;
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${entry}/stat`, 'utf8'))) continue;
      if (`\0${readFileSync(`/proc/${entry}/environ`, 'latin1')}`.includes(needle))
        pids.push(Number(entry));
    } catch {
      // Gone, or not ours.
    }
  }
  return pids;
}

/** Waits (bounded) until no process carries the tag; returns the ones still there. */
async function survivors(tag, boundMs = 3000) {
  const deadline = Date.now() + boundMs;
  let left = tagged(tag);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    left = tagged(tag);
  }
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  return left;
}

/** Stages that a killed run recorded as finished: its lock plus its lock journal. */
function recorded(dir) {
  const names = new Set();
  try {
    for (const name of Object.keys(
      JSON.parse(readFileSync(join(dir, 'cd4ml.lock'), 'utf8')).stages,
    ))
      names.add(name);
  } catch {
    // No lock yet.
  }
  try {
    for (const line of readFileSync(join(dir, '.cd4ml/lock-journal.jsonl'), 'utf8').split('\n'))
      if (line) names.add(JSON.parse(line).stage);
  } catch {
    // No journal.
  }
  return names;
}

function statuses(dir) {
  const record = JSON.parse(readFileSync(join(dir, 'cd4ml-run.json'), 'utf8'));
  return Object.fromEntries(Object.entries(record.stages).map(([k, v]) => [k, v.status]));
}

const failures = [];
const fail = (cls, i, message) => failures.push(`${cls} #${i}: ${message}`);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const random = (max) => Math.random() * max;

// The reference: a clean run, and how long it takes.
const reference = freshProject();
const t0 = Date.now();
const clean = await start(reference, [], 'reference').exited;
const cleanMs = Date.now() - t0;
if (clean.code !== 0) throw new Error(`the clean run failed:\n${clean.stderr}`);
const expected = outs(reference);
if (Object.keys(expected).length !== LAYERS * WIDTH)
  throw new Error('the clean run wrote too few outs');

const results = [];
async function killClass(name, signal, iterations, args = []) {
  const began = Date.now();
  let recordedTotal = 0;
  let leaked = 0;
  for (let i = 0; i < iterations; i += 1) {
    const dir = freshProject();
    try {
      const tag = randomUUID();
      const run = start(dir, args, tag);
      const killAt = random(cleanMs * 1.1);
      await new Promise((r) => setTimeout(r, killAt));
      run.child.kill(signal);
      const exit = await run.exited;
      const expectedCode = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal];
      // Death by the signal itself is fine too: it came before the handlers were installed.
      if (
        signal !== 'SIGKILL' &&
        exit.code !== expectedCode &&
        exit.code !== 0 &&
        exit.signal !== signal
      )
        fail(name, i, `exit ${exit.code} after ${signal}, expected ${expectedCode}`);
      // The rerun starts at once, as a CI retry or an impatient user would; whatever of
      // the killed run is still alive a moment later has outlived its runner.
      const finished = recorded(dir);
      recordedTotal += finished.size;
      const rerunning = start(dir, [], `${tag}-rerun`).exited;
      const left = await survivors(tag, 300);
      if (left.length > 0) {
        leaked += left.length;
        fail(
          name,
          i,
          `${left.length} processes outlived the runner (killed at ${killAt.toFixed(0)} ms)`,
        );
      }
      const rerun = await rerunning;
      if (rerun.code !== 0) {
        fail(name, i, `rerun exited ${rerun.code}: ${rerun.stderr.slice(-300)}`);
        continue;
      }
      if (readFileSync(join(dir, 'params.yaml'), 'utf8') !== PARAMS)
        fail(name, i, 'params.yaml differs from the committed one after the rerun');
      if (!same(outs(dir), expected)) fail(name, i, 'outs differ from a clean run');
      const after = statuses(dir);
      // A what-if's stages ran with other params: the plain rerun has to run them again.
      const rerunAnyway = args.includes('--set')
        ? []
        : [...finished].filter((stage) => after[stage] === 'ran');
      if (rerunAnyway.length > 0)
        fail(name, i, `finished before the kill but ran again: ${rerunAnyway.join(', ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  results.push({
    name,
    iterations,
    detail: `${recordedTotal} stages finished before the kills (all restored/unchanged on rerun unless listed), ${leaked} leaked processes`,
    ms: Date.now() - began,
  });
}

async function concurrentClass(iterations) {
  const began = Date.now();
  let refused = 0;
  for (let i = 0; i < iterations; i += 1) {
    const dir = freshProject();
    try {
      const tag = randomUUID();
      const runs = [0, 1, 2].map(() => start(dir, [], tag));
      const exits = await Promise.all(runs.map((r) => r.exited));
      const codes = exits.map((e) => e.code);
      refused += codes.filter((c) => c === 2).length;
      if (!codes.every((c) => c === 0 || c === 2) || !codes.includes(0))
        fail('concurrent', i, `exit codes ${codes.join(', ')}`);
      for (const e of exits)
        if (e.code === 2 && !/another cd4ml run holds this workspace \(pid \d+/.test(e.stderr))
          fail('concurrent', i, `a refusal without the holder: ${e.stderr.slice(-200)}`);
      const ran = exits
        .filter((e) => e.code === 0)
        .flatMap((e) => [...e.stderr.matchAll(/✔ (\S+) ran/g)].map((m) => m[1]));
      if (new Set(ran).size !== ran.length) fail('concurrent', i, 'a stage ran in two runs');
      if (!same(outs(dir), expected)) fail('concurrent', i, 'outs differ from a clean run');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  results.push({
    name: 'concurrent',
    iterations,
    detail: `3 runs at once each time; ${refused} refused with exit 2 naming the holder`,
    ms: Date.now() - began,
  });
}

async function corruptClass(iterations) {
  const began = Date.now();
  // One clean run, then each iteration damages a copy of its workspace.
  const base = freshProject();
  await start(base, [], 'corrupt-base').exited;
  for (let i = 0; i < iterations; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'cd4ml-faults-'));
    try {
      cpSync(base, dir, { recursive: true });
      const objects = join(dir, '.cd4ml/cache/files/sha256');
      const names = readdirSync(objects);
      const victim = names[Math.floor(random(names.length))];
      const path = join(objects, victim);
      if (i % 2 === 0) truncateSync(path, Math.floor(random(readFileSync(path).length)));
      else {
        const bytes = readFileSync(path);
        bytes[Math.floor(random(bytes.length))] ^= 0x20;
        writeFileSync(path, bytes);
      }
      rmSync(join(dir, 'out'), { recursive: true });
      const rerun = await start(dir, [], randomUUID()).exited;
      if (rerun.code !== 0) fail('corrupt', i, `rerun exited ${rerun.code}`);
      if (!same(outs(dir), expected)) fail('corrupt', i, 'outs differ from a clean run');
      const repaired = createHash('sha256').update(readFileSync(path)).digest('hex');
      if (repaired !== victim) fail('corrupt', i, 'the damaged object was not repaired');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rmSync(base, { recursive: true, force: true });
  results.push({
    name: 'corrupt',
    iterations,
    detail: 'one object edited or truncated, outs deleted; the rerun reruns what it cannot verify',
    ms: Date.now() - began,
  });
}

await killClass('kill-9', 'SIGKILL', KILLS);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  await killClass(signal.toLowerCase(), signal, Math.max(5, Math.round(KILLS / 5)));
await killClass('what-if', 'SIGKILL', Math.max(5, Math.round(KILLS / 5)), ['--set', 'train.C=2']);
await concurrentClass(Math.max(5, Math.round(KILLS / 5)));
await corruptClass(Math.max(5, Math.round(KILLS / 5)));
rmSync(reference, { recursive: true, force: true });

console.log(
  `bench:faults — ${LAYERS * WIDTH}-stage pipeline (${LAYERS}×${WIDTH}, --jobs 4), clean run ${cleanMs} ms, ${cpus().length} CPUs, node ${process.version}`,
);
for (const r of results)
  console.log(
    `  ${r.name.padEnd(11)} ${String(r.iterations).padStart(3)} iterations  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.detail}`,
  );
if (failures.length > 0) {
  console.log(`\n${failures.length} invariant violations:`);
  for (const f of failures.slice(0, 50)) console.log(`  ✖ ${f}`);
  process.exitCode = 1;
} else {
  console.log('\nEvery invariant held on every iteration.');
}
