// What the serving benchmarks share: the load tools they run, checked before anything starts
// (a missing one stops the benchmark with the Debian package that has it, not a spawn ENOENT
// minutes in), a GET of a server's own endpoint, and the node flags the image starts with.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The node flags of serving/Dockerfile's ENTRYPOINT (["node", ...flags, "/app/bin/cd4ml.js", "serve"]). */
export function imageNodeFlags() {
  const line = /^ENTRYPOINT (.*)$/m.exec(readFileSync(join(ROOT, 'serving/Dockerfile'), 'utf8'));
  const entrypoint = JSON.parse(line[1]);
  return entrypoint.slice(1, entrypoint.indexOf('/app/bin/cd4ml.js'));
}

/**
 * The node flags a benchmark's single cd4ml process starts with: none (node's defaults, as
 * `cd4ml serve --workers 1` runs outside the image), or with IMAGE_FLAGS=1 the image's.
 */
export const cd4mlNodeFlags = () => (process.env.IMAGE_FLAGS === '1' ? imageNodeFlags() : []);

/** Debian's package for each tool the serving benchmarks call. */
const PACKAGES = { wrk: 'wrk', h2load: 'nghttp2-client' };

/** Exits 2, naming `apt-get install …`, unless every tool is on PATH. */
export function requireTools(...tools) {
  const missing = tools.filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0,
  );
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((tool) => PACKAGES[tool] ?? tool))].join(' ');
  process.stderr.write(
    `bench: needs ${missing.join(' and ')} on PATH: apt-get install ${packages}\n`,
  );
  process.exit(2);
}

/**
 * The body of a GET on a connection of its own: execFileSync(wrk) blocks the benchmark for
 * longer than the server's keep-alive timeout, so a pooled connection (fetch's) may have been
 * closed by the server without this process having read the close ('other side closed').
 */
export function getFresh(url) {
  return new Promise((resolve, reject) =>
    get(url, { agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(text));
    }).on('error', reject),
  );
}

/**
 * A fresh temporary directory with the Iris model as a one-version repository
 * (`<work>/repo/iris/1/model.onnx`), and scikit-learn's answers for it (`expected.json`).
 */
export async function irisWork(prefix) {
  const expected = JSON.parse(
    await readFile(join(ROOT, 'serving/__fixtures__/expected.json'), 'utf8'),
  );
  const work = await mkdtemp(join(tmpdir(), prefix));
  const model = join(work, 'repo/iris/1/model.onnx');
  await mkdir(dirname(model), { recursive: true });
  await copyFile(join(ROOT, 'serving/__fixtures__/iris-v1.onnx'), model);
  return { work, model, expected };
}
