// A local stand-in for the official node:24-slim where no registry outside can be reached:
// a Debian slim root filesystem (mmdebstrap, minbase, no docs/man/locales), the official
// Node 24 binary, npm, and a `node` user with uid/gid 1000 as the official image has. It
// also carries the CA bundle NODE_EXTRA_CA_CERTS points at, so `npm ci` inside a build
// reaches npm through this machine's TLS proxy (the official image needs none).
// Built once; rebuilt only when its key (Node, npm, Debian suite, CA bundle) changes.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NODE24_VERSION, NPM_VERSION, node24, npmPackage } from '../node24.mjs';
import { buildah, cacheDir, run } from './lib.mjs';

export const STANDIN_IMAGE = 'localhost/cd4ml/node-standin:24-slim';
const SUITE = 'bookworm';
const MIRROR = process.env.CD4ML_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
const CA_IN_IMAGE = '/etc/ssl/certs/cd4ml-build-ca.pem';
const RECIPE = 1;
const KEY_LABEL = 'dev.cd4ml.standin.key';

function keyOf(ca) {
  const parts = {
    RECIPE,
    NODE24_VERSION,
    NPM_VERSION,
    SUITE,
    ca: ca ? createHash('sha256').update(ca).digest('hex') : null,
  };
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

async function currentKey() {
  const { code, stdout } = await buildah(['inspect', '--type', 'image', STANDIN_IMAGE], {
    allowFail: true,
  });
  if (code !== 0) return undefined;
  return JSON.parse(stdout).OCIv1?.config?.Labels?.[KEY_LABEL];
}

/**
 * The Debian minbase root filesystem as a tarball, made once (about 2 minutes; another
 * architecture than this machine's runs its package scripts under qemu: about 10).
 */
export async function rootfs(arch = 'amd64') {
  const tar = join(cacheDir('rootfs'), `${SUITE}-slim${arch === 'amd64' ? '' : `-${arch}`}.tar`);
  if (existsSync(tar)) return tar;
  const { code } = await run('sh', ['-c', 'command -v mmdebstrap'], { allowFail: true });
  if (code !== 0)
    throw new Error(
      'the stand-in base image needs mmdebstrap: apt-get install mmdebstrap (Debian/Ubuntu)',
    );
  const slim = ['man', 'doc', 'locale', 'info'].map(
    (d) => `--dpkgopt=path-exclude=/usr/share/${d}/*`,
  );
  process.stdout.write(
    `images: making a Debian ${SUITE} ${arch} minbase root filesystem (mmdebstrap, once)\n`,
  );
  await run('mmdebstrap', [
    '--variant=minbase',
    '--mode=root',
    '--format=tar',
    `--arch=${arch}`,
    ...slim,
    SUITE,
    `${tar}.part`,
    MIRROR,
  ]);
  await run('mv', [`${tar}.part`, tar]);
  return tar;
}

/** /usr/local as the official image lays it out: node, npm and npx. */
async function usrLocal(stage, ca) {
  const bin = join(stage, 'usr/local/bin');
  mkdirSync(bin, { recursive: true });
  cpSync(await node24(), join(bin, 'node'));
  const npm = join(stage, 'usr/local/lib/node_modules/npm');
  mkdirSync(dirname(npm), { recursive: true });
  cpSync(await npmPackage('npm', NPM_VERSION), npm, { recursive: true });
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(bin, 'npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(bin, 'npx'));
  if (ca) {
    mkdirSync(join(stage, dirname(CA_IN_IMAGE)), { recursive: true });
    cpSync(process.env.NODE_EXTRA_CA_CERTS, join(stage, CA_IN_IMAGE));
  }
}

/** Builds the stand-in unless the one in storage has the same key; returns its name. */
export async function ensureStandin() {
  const caFile = process.env.NODE_EXTRA_CA_CERTS;
  const ca = caFile && existsSync(caFile) ? readFileSync(caFile) : undefined;
  const key = keyOf(ca);
  if ((await currentKey()) === key) return { image: STANDIN_IMAGE, built: false };
  const started = performance.now();
  const tar = await rootfs();
  const stage = mkdtempSync(join(tmpdir(), 'cd4ml-standin-'));
  let ctr;
  try {
    await usrLocal(stage, ca);
    ctr = (await buildah(['from', 'scratch'])).stdout.trim();
    await buildah(['add', ctr, tar, '/']);
    await buildah(['add', ctr, stage, '/']);
    const user =
      'echo "node:x:1000:" >> /etc/group && echo "node:x:1000:1000::/home/node:/bin/sh" >> /etc/passwd' +
      ' && mkdir -p /home/node && chown 1000:1000 /home/node && node --version && npm --version';
    await buildah(['run', '--isolation', 'chroot', ctr, '--', '/bin/sh', '-c', user]);
    const env = [
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      `NODE_VERSION=${NODE24_VERSION}`,
    ];
    if (ca) env.push(`NODE_EXTRA_CA_CERTS=${CA_IN_IMAGE}`);
    await buildah([
      'config',
      ...env.flatMap((e) => ['--env', e]),
      '--cmd',
      'node',
      '--label',
      `${KEY_LABEL}=${key}`,
      ctr,
    ]);
    await buildah(['commit', '--rm', ctr, STANDIN_IMAGE]);
    ctr = undefined;
  } finally {
    if (ctr) await buildah(['rm', ctr], { allowFail: true });
    rmSync(stage, { recursive: true, force: true });
  }
  process.stdout.write(
    `images: stand-in ${STANDIN_IMAGE} built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return { image: STANDIN_IMAGE, built: true };
}
