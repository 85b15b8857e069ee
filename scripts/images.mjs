// npm run images: build, run, check and push both images the way a release does, with
// buildah and a real registry on this machine (docs/images.md). Needs root, buildah,
// docker-registry, skopeo, mmdebstrap and qemu-user-static (Debian packages; .ci/run installs them).
//   1. a stand-in for node:24-slim (cached; scripts/images/standin.mjs)
//   2. serving (empty and with a model baked in) and bot images, built and pushed by
//      actions/release/image.sh — the release action's own image step — to 127.0.0.1
//   3. pulled back by digest (skopeo): digest, tags, OCI labels; then run and looked inside
//   4. bad input: a missing or unservable MODELS directory: clear errors, nothing pushed;
//      a registry answering 401 or 503 or dropping the connection (scripts/images/push-faults.mjs)
//   5. the multi-arch path: linux/amd64 + linux/arm64 in one list (scripts/images/multiarch.mjs)
//   6. the serving image's size and cold start against bench/images/budgets.json
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageLabels, imageTags } from '../core/deploy/image.ts';
import { checkBot } from './images/check-bot.mjs';
import { checkCpuLimit, inspectServing, runServing } from './images/check-serving.mjs';
import { Checks, buildah, run } from './images/lib.mjs';
import { checkMultiArch } from './images/multiarch.mjs';
import { checkPushFaults } from './images/push-faults.mjs';
import { listTags, pullBack, startRegistry } from './images/registry.mjs';
import { ensureStandin } from './images/standin.mjs';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const BAKED = '.cd4ml-release-models';
const checks = new Checks();
const timings = {};
const time = async (name, fn) => {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round((performance.now() - t) / 100) / 10;
  }
};

/** Top-level packages the lockfile marks dev-only: none may be in the image. */
function devOnly() {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  return new Set(
    Object.entries(lock.packages)
      .filter(([path, entry]) => entry.dev && /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path))
      .map(([path]) => path.slice('node_modules/'.length)),
  );
}

/** actions/release/image.sh, as the release action runs it, against the local registry. */
async function pushImage({ image, dockerfile, tags, buildArgs = [], labels, allowFail = false }) {
  const env = {
    ...process.env,
    IMAGE: image,
    TAGS: tags.join('\n'),
    CONTEXT: ROOT,
    DOCKERFILE: dockerfile,
    PLATFORMS: 'linux/amd64',
    BUILD_ARGS: [`NODE_IMAGE=${standin}`, ...buildArgs].join('\n'),
    LABELS: labels.join('\n'),
    PULL: 'never',
    TLS_VERIFY: 'false',
    GITHUB_OUTPUT: '',
  };
  const result = await run('bash', [join(ROOT, 'actions/release/image.sh')], { env, allowFail });
  const outputs = Object.fromEntries(
    result.stdout
      .split('\n')
      .filter((l) => /^(digest|ref)=/.test(l))
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  );
  return { ...result, ...outputs };
}

/** Pulls `ref` back, checks digest, platforms, tags and labels; returns the local image id. */
async function verifyPushed(name, ref, repo, tags, labels) {
  const back = await pullBack(ref);
  const digest = ref.split('@')[1];
  checks.ok(
    back.digest === digest,
    `${name}: pulled back by digest, the manifest's sha256 is ${digest.slice(0, 19)}…`,
    back.digest,
  );
  checks.ok(
    JSON.stringify(back.platforms) === '["linux/amd64"]',
    `${name}: a manifest list for linux/amd64`,
    back.platforms.join(' '),
  );
  const listed = await listTags(registry.host, repo);
  checks.ok(
    JSON.stringify(listed) === JSON.stringify([...tags].sort()),
    `${name}: tagged ${tags.join(', ')}`,
    listed.join(' '),
  );
  const want = Object.fromEntries(labels.map((l) => l.split(/=(.*)/s).slice(0, 2)));
  const wrong = Object.entries(want).filter(([k, v]) => back.labels[k] !== v);
  checks.ok(
    wrong.length === 0,
    `${name}: OCI labels ${Object.keys(want)
      .map((k) => k.split('.').at(-1))
      .join(', ')}`,
    JSON.stringify(wrong),
  );
  const id = (
    await buildah(['pull', '--tls-verify=false', '--quiet', `docker://${ref}`])
  ).stdout.trim();
  return { id, compressed: back.compressed };
}

execFileSync('node', [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
// buildah's layer cache (vfs: a full copy per layer) is dropped when it has grown past 40 GB.
// A machine that has never run buildah has no cache directory yet.
const STORAGE = '/var/lib/containers/storage';
const storage = existsSync(STORAGE)
  ? Number(execFileSync('du', ['-sb', STORAGE], { encoding: 'utf8' }).split('\t')[0])
  : 0;
if (storage > 40e9) await buildah(['rmi', '--prune'], { allowFail: true });
const { image: standin } = await time('standin', ensureStandin);
const registry = await startRegistry();
const scratch = mkdtempSync(join(tmpdir(), 'cd4ml-images-'));
const results = {};
try {
  const revision = execFileSync('git', ['rev-parse', 'HEAD'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  const labelsFor = (version) =>
    imageLabels({
      source: 'https://github.com/cd4ml/cd4ml',
      revision,
      version,
      created: new Date().toISOString(),
      licenses: pkg.license,
    });
  const base = { ...imageTags(`v${pkg.version}`) };
  base.labels = labelsFor(base.version);

  // The release bakes its model repository (and manifest) into the build context.
  const models = join(ROOT, BAKED);
  rmSync(models, { recursive: true, force: true });
  mkdirSync(join(models, 'iris/1004002'), { recursive: true });
  cpSync(join(ROOT, 'serving/__fixtures__/iris-v1.onnx'), join(models, 'iris/1004002/model.onnx'));
  const sha256 = (await run('sha256sum', [join(models, 'iris/1004002/model.onnx')])).stdout.split(
    ' ',
  )[0];
  writeFileSync(
    join(models, 'cd4ml-release.json'),
    JSON.stringify({
      schema: 'cd4ml.release/v1',
      tag: 'v1.4.2',
      commit: revision,
      models: [{ name: 'iris', version: 1004002, file: 'iris/1004002/model.onnx', sha256 }],
    }),
  );
  const release = { repo: 'cd4ml/iris-serving', ...imageTags('v1.4.2') };
  release.labels = labelsFor(release.version);
  process.stdout.write('images: the serving image with a model baked in (--build-arg MODELS)\n');
  const baked = await time('build baked', () =>
    pushImage({
      image: `${registry.host}/${release.repo}`,
      dockerfile: 'serving/Dockerfile',
      tags: release.tags,
      buildArgs: [`MODELS=${BAKED}`],
      labels: release.labels,
    }),
  );
  checks.ok(baked.code === 0 && baked.ref, 'baked: built and pushed', baked.stderr.slice(-2000));
  const bakedImage = await verifyPushed(
    'baked',
    baked.ref,
    release.repo,
    release.tags,
    release.labels,
  );

  process.stdout.write('images: bot image\n');
  const botTags = { repo: 'cd4ml/cd4ml-bot', ...imageTags(`v${pkg.version}`) };
  const bot = await time('build bot', () =>
    pushImage({
      image: `${registry.host}/${botTags.repo}`,
      dockerfile: 'bot/Dockerfile',
      tags: botTags.tags,
      labels: base.labels,
    }),
  );
  checks.ok(bot.code === 0 && bot.ref, 'bot: built and pushed', bot.stderr.slice(-2000));
  const botImage = await verifyPushed('bot', bot.ref, botTags.repo, botTags.tags, base.labels);

  process.stdout.write('images: running them\n');
  const mounted = join(scratch, 'models');
  mkdirSync(join(mounted, 'iris/1'), { recursive: true });
  cpSync(join(ROOT, 'serving/__fixtures__/iris-v1.onnx'), join(mounted, 'iris/1/model.onnx'));
  const volumes = [`${mounted}:/models:ro`];
  // The same image with another repository mounted over /models, as users run it.
  const cold = await time('run serving', () =>
    runServing(
      bakedImage.id,
      { label: 'serving, /models mounted', volumes, model: 'iris' },
      checks,
    ),
  );
  await time('run baked', () =>
    runServing(
      bakedImage.id,
      { label: 'baked, --verify-models', model: 'iris', argv: ['--verify-models'] },
      checks,
    ),
  );
  await time('cpu limit', () => checkCpuLimit(bakedImage.id, volumes, checks));
  const inside = await time('inspect', () => inspectServing(bakedImage.id, devOnly(), checks));
  await time('run bot', () => checkBot(botImage.id, checks));

  process.stdout.write('images: bad input\n');
  const missing = await pushImage({
    image: `${registry.host}/cd4ml/bad`,
    dockerfile: 'serving/Dockerfile',
    tags: ['x'],
    buildArgs: ['MODELS=no-such-models'],
    labels: [],
    allowFail: true,
  });
  checks.ok(
    missing.code !== 0 &&
      missing.stderr.includes('build argument MODELS=no-such-models:') &&
      missing.stderr.includes('is not a directory in the build context'),
    'a MODELS build argument naming a missing directory fails before building, naming it',
    missing.stderr.slice(-300),
  );
  rmSync(models, { recursive: true, force: true });
  mkdirSync(join(models, 'iris/latest'), { recursive: true });
  cpSync(join(ROOT, 'serving/__fixtures__/iris-v1.onnx'), join(models, 'iris/latest/model.onnx'));
  const invalid = await time('bad models', () =>
    pushImage({
      image: `${registry.host}/cd4ml/bad`,
      dockerfile: 'serving/Dockerfile',
      tags: ['x'],
      buildArgs: [`MODELS=${BAKED}`],
      labels: [],
      allowFail: true,
    }),
  );
  checks.ok(
    invalid.code !== 0 &&
      invalid.stderr.includes('is not servable:') &&
      invalid.stderr.includes('iris/: no version directory <integer>/model.onnx'),
    'a model repository with no valid version fails the build, saying what to fix',
    invalid.stderr.slice(-400),
  );
  checks.ok(
    (await listTags(registry.host, 'cd4ml/bad')).length === 0,
    'and nothing was pushed for them',
  );
  process.stdout.write('images: a registry that refuses, fails or drops the connection\n');
  await time('push faults', () => checkPushFaults(ROOT, registry, checks));
  process.stdout.write('images: the multi-arch path (linux/arm64 under qemu-user-static)\n');
  await time('multi-arch', () => checkMultiArch(ROOT, registry, checks));
  const budgets = JSON.parse(readFileSync(join(ROOT, 'bench/images/budgets.json'), 'utf8'));
  const mb = (b) => Math.round((b / 1e6) * 10) / 10;
  Object.assign(results, {
    servingCompressedMB: mb(bakedImage.compressed),
    servingUnpackedMB: mb(inside.rootBytes),
    servingNodeModulesMB: mb(inside.nodeModulesBytes),
    botCompressedMB: mb(botImage.compressed),
    coldStartMs: Math.round(cold.coldStartMs),
  });
  for (const [key, budget] of Object.entries(budgets.max)) {
    checks.ok(results[key] <= budget, `budget: ${key} ${results[key]} ≤ ${budget}`);
  }
} finally {
  rmSync(join(ROOT, BAKED), { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
  await registry.stop();
}
const measured = {
  ...results,
  seconds: timings,
  node: process.version,
  measuredAt: new Date().toISOString(),
};
writeFileSync(join(ROOT, 'bench/images/last-run.json'), `${JSON.stringify(measured, null, 2)}\n`);
process.stdout.write(`images: ${JSON.stringify(measured)}\n`);
if (checks.failures.length) {
  process.stderr.write(
    `images: ${checks.failures.length} check(s) failed:\n${checks.failures.map((f) => `  - ${f}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write('images: every check passed\n');
