// The release step's multi-arch path here: actions/release/image.sh with
// PLATFORMS=linux/amd64,linux/arm64 builds a Dockerfile with a RUN step for both (arm64
// under qemu-user-static through binfmt_misc), pushes one manifest list, and each platform's
// image holds what its own CPU wrote. The base is Debian minbase for each architecture (the
// serving image's npm ci under emulation would take far longer than CI allows).
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildah, run } from './lib.mjs';
import { rootfs } from './standin.mjs';

const BINFMT = '/proc/sys/fs/binfmt_misc';
const BASE = 'localhost/cd4ml/multiarch-base';

/** Registers qemu-user-static's aarch64 interpreter with the kernel (binfmt_misc), once. */
async function ensureBinfmt() {
  if (!existsSync(join(BINFMT, 'register')))
    await run('mount', ['-t', 'binfmt_misc', 'binfmt_misc', BINFMT]);
  if (existsSync(join(BINFMT, 'qemu-aarch64'))) return;
  const conf = '/usr/lib/binfmt.d/qemu-aarch64.conf';
  if (!existsSync(conf))
    throw new Error(
      'building linux/arm64 needs qemu-user-static: apt-get install qemu-user-static',
    );
  const line = readFileSync(conf, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(':'));
  appendFileSync(join(BINFMT, 'register'), line);
}

/** A local manifest list of Debian minbase for amd64 and arm64, the build's base. */
async function base() {
  await buildah(['manifest', 'rm', BASE], { allowFail: true });
  const images = [];
  for (const arch of ['amd64', 'arm64']) {
    const tar = await rootfs(arch);
    const ctr = (await buildah(['from', 'scratch'])).stdout.trim();
    await buildah(['add', ctr, tar, '/']);
    await buildah(['config', '--arch', arch, '--os', 'linux', '--cmd', 'bash', ctr]);
    await buildah(['commit', '--quiet', '--rm', ctr, `${BASE}-${arch}`]);
    images.push(`${BASE}-${arch}`);
  }
  await buildah(['manifest', 'create', BASE, ...images]);
}

export async function checkMultiArch(root, registry, checks) {
  await ensureBinfmt();
  await base();
  const context = mkdtempSync(join(tmpdir(), 'cd4ml-multiarch-'));
  const scratch = mkdtempSync(join(tmpdir(), 'cd4ml-multiarch-pull-'));
  try {
    writeFileSync(
      join(context, 'Dockerfile'),
      'ARG NODE_IMAGE\nFROM ${NODE_IMAGE}\nRUN echo "$(uname -m) $(dpkg --print-architecture)" > /arch\n',
    );
    const image = `${registry.host}/cd4ml/multiarch`;
    const pushed = await run('bash', [join(root, 'actions/release/image.sh')], {
      allowFail: true,
      env: {
        ...process.env,
        IMAGE: image,
        TAGS: '1.0.0\nlatest',
        CONTEXT: context,
        DOCKERFILE: 'Dockerfile',
        PLATFORMS: 'linux/amd64,linux/arm64',
        BUILD_ARGS: `NODE_IMAGE=${BASE}`,
        PULL: 'never',
        TLS_VERIFY: 'false',
        GITHUB_OUTPUT: '',
      },
    });
    const digest = /^digest=(.*)$/m.exec(pushed.stdout)?.[1];
    checks.ok(
      pushed.code === 0 && digest,
      'multi-arch: built for linux/amd64 and linux/arm64 and pushed',
      pushed.stderr.slice(-800),
    );
    const skopeo = (args) => run('skopeo', ['--insecure-policy', ...args]);
    const index = JSON.parse(
      (await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${image}@${digest}`]))
        .stdout,
    );
    const platforms = index.manifests
      .map((m) => `${m.platform.os}/${m.platform.architecture}`)
      .sort();
    checks.ok(
      JSON.stringify(platforms) === '["linux/amd64","linux/arm64"]',
      'multi-arch: one manifest list of linux/amd64 and linux/arm64',
      platforms.join(' '),
    );
    for (const [arch, wrote] of [
      ['amd64', 'x86_64 amd64'],
      ['arm64', 'aarch64 arm64'],
    ]) {
      const dir = join(scratch, arch);
      await skopeo([
        'copy',
        '--quiet',
        '--src-tls-verify=false',
        '--override-arch',
        arch,
        `docker://${image}@${digest}`,
        `dir:${dir}`,
      ]);
      const layer = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
        .layers.at(-1)
        .digest.split(':')[1];
      const said = (await run('tar', ['-xzOf', join(dir, layer), 'arch'])).stdout.trim();
      checks.ok(
        said === wrote,
        `multi-arch: the ${arch} image's RUN step ran on ${wrote.split(' ')[0]}`,
        said,
      );
    }
  } finally {
    rmSync(context, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}
