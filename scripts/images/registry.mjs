// A real OCI registry for the image checks: Debian's docker-registry (the CNCF distribution
// server) on 127.0.0.1, storage in a temporary directory.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, run, waitFor } from './lib.mjs';

export async function startRegistry() {
  const dir = mkdtempSync(join(tmpdir(), 'cd4ml-registry-'));
  const port = await freePort();
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log: { level: warn }',
      `storage: { filesystem: { rootdirectory: ${join(dir, 'data')} }, delete: { enabled: true } }`,
      `http: { addr: 127.0.0.1:${port} }`,
      '',
    ].join('\n'),
  );
  const bin = process.env.CD4ML_REGISTRY_BIN ?? 'docker-registry';
  const child = spawn(bin, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.on('error', (e) => (log += String(e)));
  const host = `127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null)
        throw new Error(`docker-registry exited: ${log} (apt-get install docker-registry)`);
      return (await fetch(`http://${host}/v2/`)).status === 200;
    },
    `the registry on ${host}`,
    20_000,
  );
  return {
    host,
    log: () => log,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const skopeo = (args, opts) => run('skopeo', ['--insecure-policy', ...args], opts);

/** The tags of `repo` in the registry (none: []). */
export async function listTags(host, repo) {
  const r = await fetch(`http://${host}/v2/${repo}/tags/list`);
  if (r.status === 404) return [];
  return ((await r.json()).tags ?? []).sort();
}

/**
 * Pulls `ref` (name@digest) back with skopeo: the raw manifest list whose sha256 must be
 * the digest, the amd64 image's config (labels, user) and its compressed layer bytes.
 */
export async function pullBack(ref) {
  const tls = ['--tls-verify=false'];
  const raw = (await skopeo(['inspect', ...tls, '--raw', `docker://${ref}`])).stdout;
  const digest = `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const index = JSON.parse(raw);
  const platforms = (index.manifests ?? []).map(
    (m) => `${m.platform?.os}/${m.platform?.architecture}`,
  );
  const image = JSON.parse(
    (
      await skopeo([
        'inspect',
        ...tls,
        '--override-arch',
        'amd64',
        '--override-os',
        'linux',
        `docker://${ref}`,
      ])
    ).stdout,
  );
  const manifest = JSON.parse(
    (
      await skopeo([
        'inspect',
        ...tls,
        '--raw',
        '--override-arch',
        'amd64',
        `docker://${ref.split('@')[0]}@${index.manifests?.[0]?.digest ?? ''}`,
      ])
    ).stdout,
  );
  const compressed = (manifest.layers ?? []).reduce((a, l) => a + l.size, 0);
  const dir = mkdtempSync(join(tmpdir(), 'cd4ml-pull-'));
  try {
    await skopeo([
      'copy',
      ...tls,
      '--override-arch',
      'amd64',
      '--quiet',
      `docker://${ref}`,
      `oci:${join(dir, 'oci')}:pulled`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { digest, platforms, labels: image.Labels ?? {}, compressed, mediaType: index.mediaType };
}
