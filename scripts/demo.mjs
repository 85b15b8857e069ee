#!/usr/bin/env node
// `npm run demo`: cd4ml end to end on examples/iris, with nothing but Node (no Python): in a
// scratch git repository, run the pipeline on main, change a parameter on a branch and run
// again (the run-cache reuses what the change does not touch), compare the two runs through
// the merge gate (terminal text, report.md, and a PNG of it when Chromium is installed),
// serve main's champion from a model repository over TF Serving, KServe V2 and MLflow, hot-swap
// the branch's model in as version 2 while clients keep sending requests, and shut down.
//
//   node scripts/demo.mjs [--keep]     --keep: leave the scratch directory for inspection
//
// Ctrl-C (SIGINT) or SIGTERM at any point stops the server and every child process, removes
// the scratch directory (unless --keep) and exits 130 (143).
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { parseDocument } from 'yaml';

const REPO = resolve(import.meta.dirname, '..');
const CLI = join(REPO, 'bin', 'cd4ml.js');
const EXAMPLE = join(REPO, 'examples', 'iris');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEPS = 7;
const CLIENTS = 4;
const started = performance.now();

const { values: options } = parseArgs({
  options: { keep: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
});
if (options.help) {
  process.stdout.write(
    'Usage: npm run demo [-- --keep]\n\n' +
      'cd4ml end to end on examples/iris in a scratch git repository: pipeline, branch,\n' +
      'run-cache, PR report and gate, model server (TF Serving, KServe V2, MLflow), hot swap.\n' +
      'Needs Node and git only. --keep leaves the scratch directory for inspection.\n',
  );
  process.exit(0);
}

const scratch = mkdtempSync(join(tmpdir(), 'cd4ml-demo-'));
const project = join(scratch, 'iris');
const modelRepository = join(scratch, 'models');
/** Child processes still running: stopped on an interrupt or a failure. */
const children = new Set();
const aborter = new AbortController();
let stopping = false;

const say = (line = '') => process.stdout.write(`${line}\n`);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
const short = (path) => relative(scratch, path) || '.';
let stepNumber = 0;
function step(title) {
  stepNumber += 1;
  say();
  say(
    `${pc.bold(pc.cyan(`[${stepNumber}/${STEPS}]`))} ${pc.bold(title)} ${pc.dim(`(${elapsed()})`)}`,
  );
}

class DemoError extends Error {}

/** Starts a child process, tracked so that an interrupt can stop it. */
function launch(command, args, { cwd = project, env = {} } = {}) {
  if (stopping) throw new DemoError('interrupted');
  const child = spawn(command, args, {
    cwd,
    env: {
      // onnxruntime's Linux build starts Microsoft's 1DS telemetry in every process that
      // opens a model (the stages, the record, the server), which leaves .ses and
      // mat-debug-<pid>.log files in the temp directory: the demo leaves nothing behind.
      ORT_DISABLE_TELEMETRY: '1',
      // tsx (the PNG step) would keep a compile cache in the temp directory.
      TSX_DISABLE_CACHE: '1',
      ...process.env,
      ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own: Ctrl-C in the terminal reaches only this process, which
    // then stops its children in order (the clients first, then the server), instead of the
    // server shutting down under requests the demo is still sending.
    detached: true,
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/**
 * Runs a command to completion. `show` prints its output as it comes, indented under the
 * step; otherwise it is returned (and printed only if the command fails).
 */
function run(command, args, { show = false, cwd, allowedCodes = [0] } = {}) {
  const child = launch(command, args, { cwd });
  let stdout = '';
  let output = '';
  const pending = { stdout: '', stderr: '' };
  const collect = (stream) => (chunk) => {
    const text = chunk.toString();
    if (stream === 'stdout') stdout += text;
    output += text;
    if (!show) return;
    const lines = (pending[stream] + text).split('\n');
    pending[stream] = lines.pop();
    for (const line of lines) say(`    ${line}`);
  };
  child.stdout.on('data', collect('stdout'));
  child.stderr.on('data', collect('stderr'));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code, signal) => {
      if (show) for (const rest of Object.values(pending)) if (rest) say(`    ${rest}`);
      if (allowedCodes.includes(code)) return done({ code, stdout, output });
      if (stopping) return fail(new DemoError('interrupted'));
      if (!show) say(output.replace(/^/gm, '    '));
      fail(
        new DemoError(
          `\`${[command === process.execPath ? 'node' : command, ...args].join(' ')}\` ${
            signal ? `was killed by ${signal}` : `exited with ${code}`
          }`,
        ),
      );
    });
  });
}

/** `cd4ml …` in the scratch project, echoed as the user would type it. */
function cd4ml(args, runOptions = {}) {
  say(`  ${pc.dim('$')} ${pc.bold(`cd4ml ${args.join(' ')}`)}`);
  return run(process.execPath, [CLI, ...args], { show: true, ...runOptions });
}

function git(...args) {
  return run('git', ['-c', 'user.name=cd4ml demo', '-c', 'user.email=demo@cd4ml.invalid', ...args]);
}

/** Stops a child: SIGTERM, then SIGKILL if it has not exited within 5 s. */
async function terminate(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => killGroup(child), 5000);
  await exited;
  clearTimeout(timer);
}

/** SIGKILL to a child's process group: the child and whatever it started. */
function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function removeScratch() {
  if (options.keep) {
    say(`Kept the scratch directory: ${scratch}`);
    return;
  }
  rmSync(scratch, { recursive: true, force: true });
}

async function interrupt(signal, code) {
  if (stopping) {
    // A second Ctrl-C: do not wait for anything.
    for (const child of children) killGroup(child);
    removeScratch();
    process.exit(code);
  }
  stopping = true;
  aborter.abort();
  say();
  say(
    pc.yellow(
      `Interrupted (${signal}): stopping ${children.size} child process${children.size === 1 ? '' : 'es'}, removing ${scratch}`,
    ),
  );
  await Promise.all([...children].map(terminate));
  removeScratch();
  process.exit(code);
}
process.on('SIGINT', () => void interrupt('SIGINT', 130));
process.on('SIGTERM', () => void interrupt('SIGTERM', 143));
process.on('SIGHUP', () => void interrupt('SIGHUP', 129));
// Last resort (an exception nobody caught): no child outlives the demo.
process.on('exit', () => {
  for (const child of children) killGroup(child);
});

// ---------------------------------------------------------------------------------------
// The server, its log turned into lines for people.

/** Starts `cd4ml serve` and resolves once it listens, with its base URL. */
async function startServer() {
  const args = [
    'serve',
    modelRepository,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--workers',
    '1',
    '--poll',
    '250',
    '--settle',
    '250',
  ];
  say(
    `  ${pc.dim('$')} ${pc.bold(`cd4ml serve ${short(modelRepository)} --port 0 --workers 1 --poll 250 --settle 250`)}`,
  );
  say(
    pc.dim(
      '    (one process on a free port; the repository is polled every 250 ms instead of 2 s to keep the demo short)',
    ),
  );
  const server = launch(process.execPath, [CLI, ...args]);
  const events = new EventTarget();
  /** Every log entry so far: a wait may start after its line arrived (several in one chunk). */
  const history = [];
  let pending = '';
  let errors = '';
  server.stdout.on('data', (chunk) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop();
    for (const line of lines) {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        if (line.trim()) say(`    server: ${line}`);
        continue;
      }
      describeLog(entry);
      history.push(entry);
      events.dispatchEvent(Object.assign(new Event('log'), { entry }));
    }
  });
  server.stderr.on('data', (chunk) => (errors += chunk.toString()));
  const exited = new Promise((done) => server.once('exit', (code) => done(code)));
  const url = await new Promise((ready, fail) => {
    const onLog = ({ entry }) => {
      const match = /listening at (http:\/\/\S+)/.exec(entry.msg ?? '');
      if (match) {
        events.removeEventListener('log', onLog);
        ready(match[1]);
      }
    };
    events.addEventListener('log', onLog);
    void exited.then((code) =>
      fail(new DemoError(`cd4ml serve exited with ${code} before listening\n${errors}`)),
    );
  });
  return { server, url, events, history, exited, errors: () => errors };
}

/** One human line per server log entry that matters; warnings and errors always. */
function describeLog(entry) {
  const label = pc.dim('    server │');
  const version = entry.model ? `${entry.model} v${entry.version}` : '';
  switch (entry.msg) {
    case 'loading model version':
      return say(`${label} loading ${version} from ${short(entry.file ?? '')}`);
    case 'model version loaded and warmed: now serving':
      return say(`${label} ${version} loaded and warmed in ${entry.ms} ms: now serving`);
    case 'model version unloaded':
      return say(`${label} ${version} unloaded (no longer wanted by the version policy)`);
    case 'shutting down: finishing in-flight requests':
      return say(`${label} ${entry.signal}: finishing in-flight requests`);
    case 'shut down cleanly':
      return say(`${label} shut down cleanly`);
    default:
      if (/^Server listening at /.test(entry.msg ?? '')) {
        return say(`${label} listening at ${entry.msg.slice('Server listening at '.length)}`);
      }
      if ((entry.level ?? 0) >= 40) {
        const level = entry.level >= 50 ? pc.red('error') : pc.yellow('warning');
        return say(`${label} ${level}: ${entry.msg}${entry.err ? ` — ${entry.err.message}` : ''}`);
      }
  }
}

/** Resolves with the first server log entry, past or future, that passes `test`. */
function waitForLog({ events, history }, test) {
  return new Promise((done) => {
    const seen = history.find(test);
    if (seen) return done(seen);
    const onLog = ({ entry }) => {
      if (test(entry)) {
        events.removeEventListener('log', onLog);
        done(entry);
      }
    };
    events.addEventListener('log', onLog);
  });
}

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: aborter.signal,
  });
  return { status: response.status, text: await response.text() };
}

// ---------------------------------------------------------------------------------------

async function main() {
  say(pc.bold('cd4ml demo') + ' — continuous delivery for ML, end to end, with Node alone');
  say(
    `  scratch directory: ${scratch}${options.keep ? '' : ' (removed at the end; --keep keeps it)'}`,
  );

  // A fresh repository made from examples/iris, as a user's clone would have it.
  const generated =
    /[/\\](\.cd4ml|cd4ml\.lock|cd4ml-run\.json|models|eval|champion|node_modules|model\.onnx|data[/\\](split|stats\.json))$/;
  cpSync(EXAMPLE, project, { recursive: true, filter: (src) => !generated.test(src) });
  // The stages import onnxruntime-node, onnx-proto and yaml: this checkout's installed copies.
  symlinkSync(join(REPO, 'node_modules'), join(project, 'node_modules'), 'dir');
  await git('init', '-q', '-b', 'main');
  await git('add', '.');
  await git('commit', '-qm', 'Iris classifiers (examples/iris)');

  step(
    'Train on main: split the data, train two candidates, export ONNX, evaluate, pick the champion',
  );
  await cd4ml(['run']);
  const mainRecord = readRecord();
  mkdirSync(join(modelRepository, 'iris', '1'), { recursive: true });
  copyFileSync(join(project, 'model.onnx'), join(modelRepository, 'iris', '1', 'model.onnx'));

  const hidden = setParam(['candidates', 'mlp', 'hidden'], (value) => Number(value) * 2);
  step(
    `A pull request: branch wider-mlp changes one parameter (candidates.mlp.hidden: ${hidden.before} → ${hidden.after})`,
  );
  await git('checkout', '-q', '-b', 'wider-mlp');
  hidden.write();
  await git('commit', '-qam', 'Wider MLP');
  await cd4ml(['status']);
  await cd4ml(['run']);
  const branchRecord = readRecord();
  const reused = Object.entries(branchRecord.stages).filter(([, s]) => s.status !== 'ran');
  say(
    `  ${pc.green('↺')} the run-cache reused ${reused.length} of ${Object.keys(branchRecord.stages).length} stages: ${reused.map(([name]) => name).join(', ')}`,
  );

  step('The pull request report and the merge gate (what the bot posts on the PR)');
  const { code: gate } = await cd4ml(['compare', '--format', 'text'], { allowedCodes: [0, 1] });
  const report = join(scratch, 'report.md');
  const { stdout: markdown } = await run(process.execPath, [CLI, 'compare', '--format', 'md'], {
    allowedCodes: [0, 1],
  });
  writeFileSync(report, markdown);
  say(
    `  wrote ${short(report)} (${markdown.length.toLocaleString('en-US')} characters of GitHub markdown)`,
  );
  await renderPng(report);

  step("A model repository from main's champion (TF Serving / Triton layout)");
  say(
    `  ${short(join(modelRepository, 'iris', '1', 'model.onnx'))}  ${pc.dim(`champion ${mainRecord.champion ?? ''}, sha256 ${mainRecord.model.sha256.slice(0, 12)}…, ${statSync(join(modelRepository, 'iris', '1', 'model.onnx')).size} bytes`)}`,
  );

  step('Serve it: one port, three protocols');
  const serving = await startServer();
  const { url } = serving;
  await waitForLog(serving, (e) => e.msg === 'model version loaded and warmed: now serving');
  say(`  ${pc.green('✔')} the server is up at ${url}`);

  step('Ask it the way existing clients do');
  const row = sampleRow();
  say(
    pc.dim(
      `  one flower from data/iris.csv (id ${row.id}, a ${row.species}): ${JSON.stringify(row.features)}`,
    ),
  );
  const calls = [
    ['TF Serving', '/v1/models/iris:predict', { instances: [row.features] }],
    [
      'KServe V2',
      '/v2/models/iris/infer',
      { inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: row.features }] },
    ],
    [
      'MLflow',
      '/invocations',
      {
        dataframe_split: {
          columns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
          data: [row.features],
        },
      },
    ],
  ];
  for (const [protocol, path, body] of calls) {
    const answer = await post(`${url}${path}`, body);
    say(`  ${pc.bold(protocol.padEnd(10))} POST ${path}`);
    say(`  ${' '.repeat(10)} ${pc.dim('→')} ${answer.status} ${answer.text}`);
    if (answer.status !== 200) throw new DemoError(`${protocol} answered ${answer.status}`);
  }

  step(
    `Hot swap: publish the branch's model as version 2 while ${CLIENTS} clients keep sending requests`,
  );
  const swap = await hotSwap(serving, row.features);
  say(
    `  ${swap.failed === 0 ? pc.green('✔') : pc.red('✘')} ${swap.total.toLocaleString('en-US')} requests during the swap, ${swap.failed} failed · version 1 answered ${swap.byVersion['1'] ?? 0}, version 2 answered ${swap.byVersion['2'] ?? 0}`,
  );
  if (swap.failed)
    throw new DemoError(`${swap.failed} requests failed during the swap: ${swap.firstError}`);
  const status = JSON.parse(await (await fetch(`${url}/v1/models/iris`)).text());
  say(
    `  GET /v1/models/iris → ${status.model_version_status
      .map((v) => `version ${v.version} ${v.state}`)
      .join(', ')}`,
  );

  say();
  say(`${pc.bold('Shut down')} ${pc.dim(`(${elapsed()})`)}`);
  serving.server.kill('SIGTERM');
  const code = await serving.exited;
  if (code !== 0)
    throw new DemoError(`the server exited with ${code} after SIGTERM\n${serving.errors()}`);
  say(`  ${pc.green('✔')} SIGTERM: in-flight requests finished, the server exited 0`);
  removeScratch();
  if (!options.keep) say(`  ${pc.green('✔')} removed ${scratch}`);

  say();
  say(
    `${pc.bold(pc.green('Demo finished'))} in ${elapsed()} — gate ${gate === 0 ? 'passed' : 'failed'} (cd4ml compare exited ${gate}), 0 requests failed during the swap.`,
  );
  say();
  say(pc.bold('What you just saw'));
  say(
    '  • a DVC-style pipeline (cd4ml.yaml + params.yaml) run with a run record per run and a run-cache:',
  );
  say(
    `    the branch re-ran only what its parameter touched (${Object.keys(branchRecord.stages).length - reused.length} of ${Object.keys(branchRecord.stages).length} stages)`,
  );
  say(
    '  • the PR report and merge gate the GitHub bot/action posts: metrics, significance, policy rules',
  );
  say(
    '  • an ONNX model server speaking TF Serving, KServe V2 and MLflow, swapping versions without dropping a request',
  );
  say(pc.bold('What to do next'));
  say(
    '  • README.md → "Quick start": add cd4ml to your repository (npm install --save-dev cd4ml, or the action in CI)',
  );
  say(
    '  • examples/iris (Node only) and examples/sklearn (Python) are repositories to copy, workflows included',
  );
  say(
    '  • docs/serving.md: the server, model repositories and hot reload; docs/policy.md: gate rules',
  );
  say('  • npm test: the whole test suite');
}

function readRecord() {
  return JSON.parse(readFileSync(join(project, 'cd4ml-run.json'), 'utf8'));
}

/** Reads one value of params.yaml and returns how to write it changed (comments kept). */
function setParam(path, change) {
  const file = join(project, 'params.yaml');
  const document = parseDocument(readFileSync(file, 'utf8'));
  const before = document.getIn(path);
  const after = change(before);
  return {
    before,
    after,
    write() {
      document.setIn(path, after);
      writeFileSync(file, document.toString());
    },
  };
}

/** A versicolor from the example's data: the class the two models are least sure about. */
function sampleRow() {
  const [header, ...rows] = readFileSync(join(project, 'data', 'iris.csv'), 'utf8')
    .trim()
    .split('\n');
  const columns = header.split(',');
  const cells = rows.map((line) => line.split(',')).find((cells) => cells.at(-1) === 'versicolor');
  const record = Object.fromEntries(columns.map((column, i) => [column, cells[i]]));
  return {
    id: record.id,
    species: record.species,
    features: columns.slice(1, -1).map((column) => Number(record[column])),
  };
}

async function renderPng(report) {
  const png = report.replace(/\.md$/, '.png');
  if (!existsSync(CHROMIUM)) {
    say(
      `  ${pc.yellow('–')} skipped report.png: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH, renders it)`,
    );
    return;
  }
  await run(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'scripts', 'render-report.ts'), '--md', report, '--out', png],
    { cwd: REPO },
  );
  say(
    `  wrote ${short(png)} (${Math.round(statSync(png).size / 1024)} kB, the comment as GitHub shows it)`,
  );
}

/**
 * Copies the branch's champion into iris/2 under a temporary name and renames it (how to
 * publish a version without the server ever seeing half a directory), while CLIENTS loops
 * send KServe V2 requests, counting answers by version, until version 2 is the only one.
 */
async function hotSwap(serving, features) {
  const { url } = serving;
  const result = { total: 0, failed: 0, byVersion: {}, firstError: '' };
  const answered = (version) => result.byVersion[version] ?? 0;
  /** Resolves when `test()` holds after some answer (or at once, if it holds now). */
  const waiters = new Set();
  const until = (test) =>
    new Promise((done) => {
      const waiter = () => test() && (waiters.delete(waiter), done());
      waiters.add(waiter);
      waiter();
    });
  let done = false;
  const body = JSON.stringify({
    inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: features }],
  });
  const client = async () => {
    while (!done && !stopping) {
      try {
        const response = await fetch(`${url}/v2/models/iris/infer`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: aborter.signal,
        });
        const answer = await response.json();
        result.total += 1;
        if (response.status !== 200)
          throw new Error(`${response.status} ${JSON.stringify(answer)}`);
        result.byVersion[answer.model_version] = answered(answer.model_version) + 1;
      } catch (error) {
        if (stopping) return;
        result.failed += 1;
        result.firstError ||= String(error);
      }
      for (const waiter of [...waiters]) waiter();
    }
  };
  const clients = Array.from({ length: CLIENTS }, client);
  const interrupted = new Promise((stop) => aborter.signal.addEventListener('abort', stop));
  let timer;
  const deadline = new Promise((_, fail) => {
    timer = setTimeout(
      () => fail(new DemoError('version 2 did not replace version 1 within 20 s')),
      20_000,
    );
  });
  try {
    // Every client has had answers from version 1 before version 2 is published.
    await Promise.race([until(() => answered('1') >= CLIENTS * 10), interrupted, deadline]);
    const replaced = Promise.all([
      waitForLog(
        serving,
        (e) => e.msg === 'model version loaded and warmed: now serving' && e.version === 2,
      ),
      waitForLog(serving, (e) => e.msg === 'model version unloaded' && e.version === 1),
    ]);
    const staging = join(modelRepository, 'iris', 'incoming-2');
    mkdirSync(staging);
    copyFileSync(join(project, 'model.onnx'), join(staging, 'model.onnx'));
    renameSync(staging, join(modelRepository, 'iris', '2'));
    say(
      `  published ${short(join(modelRepository, 'iris', '2', 'model.onnx'))} (copied to iris/incoming-2, then renamed)`,
    );
    await Promise.race([replaced, interrupted, deadline]);
    // Some more answers from version 2 alone, then the clients stop.
    const target = answered('2') + CLIENTS * 10;
    await Promise.race([until(() => answered('2') >= target), interrupted, deadline]);
  } finally {
    clearTimeout(timer);
    done = true;
    await Promise.all(clients);
  }
  return result;
}

try {
  await main();
} catch (error) {
  if (stopping) {
    // interrupt() is cleaning up and exits.
    await new Promise(() => {});
  }
  say();
  say(
    pc.red(`demo failed: ${error instanceof DemoError ? error.message : (error?.stack ?? error)}`),
  );
  await Promise.all([...children].map(terminate));
  say(`The scratch directory is kept for inspection: ${scratch}`);
  process.exit(1);
}
