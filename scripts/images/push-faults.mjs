// The release image step against a registry that fails: actions/release/image.sh pushes a
// small image through a fault-injecting proxy in front of the real registry, and each case
// checks the exit code, the message, and what the registry holds afterwards (tags and the
// digest `latest` points at, read from the registry itself, not through the proxy).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNAUTHORIZED, UNAVAILABLE, startFaultProxy } from './fault-proxy.mjs';
import { run } from './lib.mjs';
import { listTags } from './registry.mjs';

const REPO = 'cd4ml/faults';
const isUpload = (req, line) =>
  line.includes('/blobs/uploads') && (req.method === 'PATCH' || req.method === 'PUT');
/** `fault` only for its first `n` matching requests: a transient failure. */
const times = (n, fault) => {
  let left = n;
  return (req, line) => {
    const action = fault(req, line);
    if (action && left > 0) {
      left -= 1;
      return action;
    }
    return undefined;
  };
};

const CASES = [
  {
    name: '401 on every request',
    fault: () => UNAUTHORIZED,
    ok: false,
    pushes: 1,
    says: ['(401)', 'log in with a token'],
  },
  {
    name: '503 on every upload',
    fault: (req, line) => (line.includes('/blobs/uploads') ? UNAVAILABLE : undefined),
    ok: false,
    pushes: 3,
    says: ['(5xx)'],
  },
  {
    name: 'the connection dropped mid-upload, every time',
    fault: (req, line) => (isUpload(req, line) ? 'drop' : undefined),
    ok: false,
    pushes: 3,
    says: ['dropped during the push'],
  },
  {
    name: 'one 503, then the registry recovers',
    fault: times(1, (req, line) => (line.includes('/blobs/uploads') ? UNAVAILABLE : undefined)),
    ok: true,
    pushes: 3,
  },
  {
    name: 'one connection dropped mid-upload, then fine',
    fault: times(1, (req, line) => (isUpload(req, line) ? 'drop' : undefined)),
    ok: true,
    pushes: 3,
  },
  {
    name: 'the version pushed, then 503 on latest',
    fault: (req, line) => (line.endsWith('/manifests/latest') ? UNAVAILABLE : undefined),
    ok: false,
    pushes: 4,
    says: ['(5xx)', ':latest'],
    versionStays: true,
  },
];

/** The digest a tag points at, read from the registry directly (undefined: no such tag). */
async function digestOf(host, tag) {
  const r = await fetch(`http://${host}/v2/${REPO}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.docker.distribution.manifest.list.v2+json' },
  });
  return r.status === 200 ? (r.headers.get('docker-content-digest') ?? undefined) : undefined;
}

export async function checkPushFaults(root, registry, checks) {
  const context = mkdtempSync(join(tmpdir(), 'cd4ml-faults-'));
  writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\nCOPY layer.bin /layer.bin\n');
  /** image.sh on a fresh 1 MB incompressible layer (so every case uploads), through `proxy`. */
  const push = (host, tags) => {
    writeFileSync(join(context, 'layer.bin'), randomBytes(1 << 20));
    return run('bash', [join(root, 'actions/release/image.sh')], {
      allowFail: true,
      env: {
        ...process.env,
        IMAGE: `${host}/${REPO}`,
        TAGS: tags.join('\n'),
        CONTEXT: context,
        DOCKERFILE: 'Dockerfile',
        PULL: 'never',
        TLS_VERIFY: 'false',
        PUSH_RETRY_DELAY: '1',
        GITHUB_OUTPUT: '',
      },
    });
  };
  try {
    const seed = await push(registry.host, ['0.9.0', 'latest']);
    checks.ok(
      seed.code === 0,
      'faults: a previous release 0.9.0 is latest',
      seed.stderr.slice(-500),
    );
    let latest = await digestOf(registry.host, 'latest');
    let minor = 0;
    for (const c of CASES) {
      const version = `1.${minor++}.0`;
      const proxy = await startFaultProxy(registry.host, c.fault);
      const result = await push(proxy.host, [version, 'latest']).finally(() => proxy.stop());
      // Each push of a tag (a retry too) starts with buildah's and skopeo's ping of /v2/.
      const pushes = proxy.seen.filter((l) => l === 'GET /v2/').length / 2;
      const image = `${proxy.host}/${REPO}`;
      const now = {
        version: await digestOf(registry.host, version),
        latest: await digestOf(registry.host, 'latest'),
      };
      if (c.ok) {
        const digest = /^digest=(.*)$/m.exec(result.stdout)?.[1];
        checks.ok(
          result.code === 0 &&
            digest &&
            now.version === digest &&
            now.latest === digest &&
            pushes === c.pushes,
          `faults: ${c.name}: retried (${pushes} pushes for 2 tags), exit 0, ${version} and latest are the pushed digest`,
          `exit ${result.code}, ${JSON.stringify(now)} vs ${digest}; ${result.stderr.slice(-600)}`,
        );
        latest = now.latest;
        continue;
      }
      const message = /::error title=cd4ml release image::(.*)/.exec(result.stderr)?.[1] ?? '';
      const named = [
        `${image}:${c.versionStays ? 'latest' : version} to ${proxy.host} failed`,
        ...(c.versionStays ? [`${image}:${version} already point at`] : []),
        ...c.says,
        're-run the job',
      ].filter((s) => !message.includes(s));
      checks.ok(
        result.code !== 0 && named.length === 0 && pushes === c.pushes,
        `faults: ${c.name}: exit ${result.code} after ${pushes} push(es), the message names registry, image, tag, cause and what to do`,
        `missing ${JSON.stringify(named)} in: ${message || result.stderr.slice(-600)}`,
      );
      checks.ok(
        now.latest === latest &&
          (c.versionStays ? now.version !== undefined : now.version === undefined),
        `faults: ${c.name}: latest still points at the previous release${c.versionStays ? `, ${version} was pushed` : `, no ${version} tag`}`,
        JSON.stringify({ ...now, previous: latest, tags: await listTags(registry.host, REPO) }),
      );
    }
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
