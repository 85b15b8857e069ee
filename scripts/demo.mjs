#!/usr/bin/env node
// `npm run demo`: the quickstart example end to end, in a scratch copy, the way a user
// meets cd4ml — run the pipeline, see it skip everything the second time, change a param
// on a branch, compare the two runs as the PR comment would (gate included), make a
// what-if run, read the history, and serve the champion to TF Serving, KServe and MLflow clients.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const cli = join(repo, 'bin', 'cd4ml.js');

/** The first python3 that has what the example's stages import. */
function findPython() {
  const candidates = [
    '/usr/bin/python3',
    ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'python3')),
  ];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import sklearn, onnx, yaml, numpy'], {
      stdio: 'ignore',
    });
    if (probe.status === 0) return python;
  }
  return undefined;
}

const python = findPython();
if (!python) {
  console.error(
    'The demo pipeline trains scikit-learn models and exports them to ONNX, and needs a python3 with',
  );
  console.error(
    'scikit-learn, onnx and PyYAML. On Debian/Ubuntu:  sudo apt-get install -y python3-sklearn python3-onnx python3-yaml',
  );
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'cd4ml-demo-'));
cpSync(join(repo, 'examples', 'quickstart'), dir, {
  recursive: true,
  filter: (src) => !/[/\\](\.cd4ml|models|eval|data[/\\]split)$/.test(src),
});
const env = { ...process.env, PATH: `${dirname(python)}${delimiter}${process.env.PATH ?? ''}` };
const git = (...args) =>
  execFileSync('git', ['-c', 'user.name=cd4ml demo', '-c', 'user.email=demo@cd4ml.dev', ...args], {
    cwd: dir,
    env,
    stdio: 'ignore',
  });
const step = (title, args, { allowFailure = false } = {}) => {
  console.log(`\n\x1b[1m$ cd4ml ${args.join(' ')}\x1b[0m   # ${title}`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: dir, env, stdio: 'inherit' });
  if (result.status !== 0 && !allowFailure) {
    console.error(
      `\ndemo: \`cd4ml ${args.join(' ')}\` exited with ${result.status}; the scratch project is kept at ${dir}`,
    );
    process.exit(result.status ?? 1);
  }
  return result.status;
};

git('init', '-q', '-b', 'main');
git('add', '.');
git('commit', '-qm', 'quickstart');
console.log(`demo: a copy of examples/quickstart in ${dir}, using ${python}`);

step('train every candidate, select the champion, evaluate it', ['run']);
step('nothing changed: every stage is up to date', ['run']);
step('what the pipeline looks like', ['dag']);
// A pull request: stronger regularisation for every candidate.
git('checkout', '-q', '-b', 'stronger-regularisation');
writeFileSync(
  join(dir, 'params.yaml'),
  readFileSync(join(dir, 'params.yaml'), 'utf8').replace('C: [0.1, 1.0]', 'C: [0.01, 0.1]'),
);
git('commit', '-qam', 'Stronger regularisation');
step('the branch: only what the param change touches runs again', ['status']);
step('run the branch', ['run']);
const gate = step(
  'the PR report, as the bot would post it (exit 1 when the gate fails)',
  ['compare', '--format', 'text'],
  { allowFailure: true },
);
step('a what-if run: one param overridden for this run only, recorded as such', [
  'run',
  '--set',
  'prepare.seed=7',
]);
step('the run history of this workspace', ['history', 'accuracy']);
console.log(
  `\ndemo: the gate ${gate === 0 ? 'passed' : 'failed'} for the branch (cd4ml compare exited ${gate}).`,
);

// Deploy: serve the branch's champion and ask it the way existing clients would.
const port = 8517;
console.log(
  `\n\x1b[1m$ cd4ml serve model.onnx --port ${port}\x1b[0m   # TF Serving REST, KServe V2 and MLflow on one port`,
);
const server = spawn(
  process.execPath,
  [
    cli,
    'serve',
    'model.onnx',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--log-level',
    'warn',
  ],
  { cwd: dir, env, stdio: 'inherit' },
);
try {
  await waitUntilReady(`http://127.0.0.1:${port}/v2/health/ready`);
  const row = readFileSync(join(dir, 'data', 'data.csv'), 'utf8')
    .split('\n')[1]
    .split(',')
    .slice(1, -1)
    .map(Number);
  for (const [title, path, body] of [
    ['TF Serving', '/v1/models/model:predict', { instances: [row] }],
    [
      'KServe V2',
      '/v2/models/model/infer',
      { inputs: [{ name: 'input', shape: [1, row.length], datatype: 'FP32', data: row }] },
    ],
    ['MLflow', '/invocations', { inputs: [row] }],
  ]) {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    console.log(`POST ${path}  (${title}) → ${response.status} ${await response.text()}`);
  }
} finally {
  server.kill('SIGTERM');
}
rmSync(dir, { recursive: true, force: true });
console.log('\ndemo: done.');

async function waitUntilReady(url) {
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`demo: the server did not become ready at ${url}`);
}
