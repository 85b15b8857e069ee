// What the serving benchmarks share: the load tools they run, checked before anything starts
// (a missing one stops the benchmark with the Debian package that has it, not a spawn ENOENT
// minutes in), and a GET of a server's own endpoint.
import { spawnSync } from 'node:child_process';
import { get } from 'node:http';

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
