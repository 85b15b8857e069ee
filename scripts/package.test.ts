// The published package, as a user gets it: `npm pack` this checkout, install the tarball
// into an empty project without the network, and run a pipeline and a model server with
// `npx cd4ml` there. Proves that dist/ is built and shipped, that the bundle needs nothing
// at run time beyond its declared dependencies, and that onnxruntime-node loads from a
// user's node_modules.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/**
 * The environment without npm's own variables: under `npm test` they point npm at this
 * checkout (npm_config_local_prefix, npm_package_json), and the user's npm would not see them.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') && lower !== 'npm_config_cache') continue;
    env[key] = value;
  }
  return env;
}

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  [field: string]: unknown;
}

interface Lockfile {
  packages: Record<string, LockEntry>;
}

/**
 * A lockfile for a project whose only dependency is the tarball: the tarball's entry plus
 * this checkout's run-time dependency tree (its lock entries without `dev`), at the same
 * paths. `npm ci --offline` then takes every package from the npm cache by integrity, with
 * no registry metadata: the packuments that a plain `npm install <tgz>` resolves ranges with
 * are not in the cache that the checkout's own `npm ci` filled, since that installs from
 * its lockfile too.
 */
function lockfileFor(tarball: string, name: string): Lockfile {
  const own = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
    bin: Record<string, string>;
    engines: Record<string, string>;
  };
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, LockEntry> = {
    '': { name, devDependencies: { cd4ml: `file:${tarballName(tarball)}` } },
    'node_modules/cd4ml': {
      version: pkg.version,
      resolved: `file:${tarballName(tarball)}`,
      integrity,
      dev: true,
      license: 'MIT',
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(own.packages)) {
    if (path === '' || entry.dev || entry.devOptional || !path.startsWith('node_modules/')) {
      continue;
    }
    packages[path] = { ...entry, dev: true };
  }
  return { name, lockfileVersion: 3, requires: true, packages } as Lockfile;
}

function tarballName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('the npm package', () => {
  let dir: string;
  let project: string;
  let packed: { filename: string; files: { path: string }[] };
  const env = cleanEnv();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cd4ml-package-'));
    // `npm pack` and `npm publish` run `prepare`, which builds dist/. Here dist/ is already
    // built (vitest's global setup), and a second build while other tests run the CLI would
    // swap dist/ under them: pack it as it is.
    const { stdout } = await run(
      npm,
      ['pack', '--json', '--ignore-scripts', '--pack-destination', dir],
      {
        cwd: root,
        env,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    // Lifecycle scripts may print before the JSON array.
    const [info] = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as (typeof packed)[];
    packed = info!;
    project = join(dir, 'my-ml-project');
    mkdirSync(project);
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ships the built CLI, the schemas, README and LICENSE; no sources, source maps, action or bot bundles', () => {
    const files = packed.files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/cd4ml.js',
        'dist/cd4ml.js',
        // The vendored .proto files `cd4ml serve --grpc-port` loads (serving/grpc/protos.ts).
        'dist/protos/open-inference-protocol/open_inference_grpc.proto',
        'dist/protos/tensorflow-serving/tensorflow_serving/apis/prediction_service.proto',
        'schemas/cd4ml.schema.json',
        'schemas/policy.schema.json',
        'README.md',
        'LICENSE',
        'package.json',
      ]),
    );
    expect(
      files.filter((file) =>
        /\.ts$|\.map$|^(core|cli|serving|scripts|examples|dist\/actions|dist\/bot)\//.test(file),
      ),
    ).toEqual([]);
  });

  it('installs into an empty project without the network and runs a pipeline there', async () => {
    const tarball = join(dir, packed.filename);
    copyFileSync(tarball, join(project, packed.filename));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify(
        {
          name: 'my-ml-project',
          private: true,
          devDependencies: { cd4ml: `file:${packed.filename}` },
          // What docs/install-notes.md tells users: no CUDA download on Linux x64.
          allowScripts: { 'onnxruntime-node': false },
        },
        null,
        2,
      ),
    );
    writeFileSync(
      join(project, 'package-lock.json'),
      JSON.stringify(lockfileFor(tarball, 'my-ml-project'), null, 2),
    );
    await run(npm, ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: project, env });
    // The JSON Schemas resolve through the package's exports (for editors and tools).
    const { stdout: schema } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "console.log(import.meta.resolve('cd4ml/schemas/cd4ml.schema.json'))",
      ],
      { cwd: project, env },
    );
    expect(schema.trim()).toBe(
      `file://${join(realpathSync(project), 'node_modules', 'cd4ml', 'schemas', 'cd4ml.schema.json')}`,
    );

    // A node-only pipeline: prepare writes data, evaluate writes metrics.
    writeFileSync(
      join(project, 'cd4ml.yaml'),
      [
        'stages:',
        '  prepare:',
        '    cmd: node prepare.mjs',
        '    deps: [prepare.mjs]',
        '    params: [prepare]',
        '    outs: [data.json]',
        '  evaluate:',
        '    cmd: node evaluate.mjs',
        '    deps: [evaluate.mjs, data.json]',
        '    metrics:',
        '      - metrics.json: { cache: false }',
        '',
      ].join('\n'),
    );
    writeFileSync(join(project, 'params.yaml'), 'prepare:\n  n: 12\n');
    writeFileSync(
      join(project, 'prepare.mjs'),
      "import { readFileSync, writeFileSync } from 'node:fs';\n" +
        "const n = Number(/n: (\\d+)/.exec(readFileSync('params.yaml', 'utf8'))[1]);\n" +
        "writeFileSync('data.json', JSON.stringify(Array.from({ length: n }, (_, i) => i % 3)));\n",
    );
    writeFileSync(
      join(project, 'evaluate.mjs'),
      "import { readFileSync, writeFileSync } from 'node:fs';\n" +
        "const data = JSON.parse(readFileSync('data.json', 'utf8'));\n" +
        "writeFileSync('metrics.json', JSON.stringify({ accuracy: data.filter((x) => x === 0).length / data.length }));\n",
    );
    writeFileSync(join(project, '.gitignore'), 'node_modules/\n.cd4ml/\n*.tgz\n');
    const git = (...args: string[]) =>
      run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: project,
        env,
      });
    await git('init', '-q', '-b', 'main');
    await git('add', '.');
    await git('commit', '-qm', 'pipeline');

    const { stdout: version } = await run(npx, ['--offline', 'cd4ml', '--version'], {
      cwd: project,
      env,
    });
    expect(version.trim()).toBe(
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
    );
    await run(npx, ['--offline', 'cd4ml', 'run'], { cwd: project, env });
    const { stdout: head } = await git('rev-parse', 'HEAD');
    const { stdout: records } = await run(
      'find',
      [join('.cd4ml', 'runs', head.trim()), '-name', 'cd4ml-run.json'],
      { cwd: project, env },
    );
    const [recordPath] = records.trim().split('\n');
    const record = JSON.parse(readFileSync(join(project, recordPath!), 'utf8')) as {
      status: string;
      stages: Record<string, { status: string }>;
      metrics: Record<string, unknown>;
    };
    expect(record.status).toBe('success');
    expect(Object.entries(record.stages).map(([name, { status }]) => `${name}:${status}`)).toEqual(
      expect.arrayContaining(['evaluate:ran', 'prepare:ran']),
    );
    expect(JSON.stringify(record.metrics)).toContain('0.333');
  }, 60_000);

  it('serves an ONNX model from the installed package (onnxruntime-node resolves there)', async () => {
    copyFileSync(join(root, 'serving', '__fixtures__', 'iris-v1.onnx'), join(project, 'iris.onnx'));
    const port = await freePort();
    const server = spawn(
      join(project, 'node_modules', '.bin', 'cd4ml'),
      ['serve', 'iris.onnx', '--port', String(port), '--host', '127.0.0.1', '--workers', '1'],
      { cwd: project, env: { ...env, PORT: undefined }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => server.on('exit', done));
    try {
      // The server logs this line once the model is loaded, warmed and taking requests.
      await new Promise<void>((ready, fail) => {
        const check = (): void => {
          if (output.includes('now serving')) ready();
        };
        server.stdout.on('data', check);
        void exited.then((code) => fail(new Error(`cd4ml serve exited with ${code}: ${output}`)));
      });
      const response = await fetch(`http://127.0.0.1:${port}/v1/models/model:predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ instances: [[5.1, 3.5, 1.4, 0.2]] }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ predictions: [{ label: 0 }] });
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
