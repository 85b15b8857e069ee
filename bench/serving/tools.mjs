// The load tools a serving benchmark runs, checked before anything starts: a missing one
// stops the benchmark with the Debian package that has it, not a spawn ENOENT minutes in.
import { spawnSync } from 'node:child_process';

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
