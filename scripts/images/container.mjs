// Runs an image as a user's engine would: a container from the image, its ENTRYPOINT and
// CMD, its user, environment and working directory (buildah run, chroot isolation, the
// host's network), optionally inside a cgroup with a CPU limit (docker run --cpus).
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { STORAGE, buildah, waitFor } from './lib.mjs';

const CPU_CGROUP = '/sys/fs/cgroup/cpu';

/** A container of `image` (already in local storage) and its image config. */
export async function container(image) {
  const id = (await buildah(['from', '--pull=never', image])).stdout.trim();
  const info = JSON.parse((await buildah(['inspect', id])).stdout);
  const config = info.Docker?.config ?? info.OCIv1?.config ?? {};
  return {
    id,
    config,
    /** Where its root filesystem is mounted on the host. */
    mount: async () => (await buildah(['mount', id])).stdout.trim(),
    remove: () => buildah(['rm', id], { allowFail: true }),
  };
}

/**
 * Starts `argv` (default: the image's ENTRYPOINT + CMD) in the container; `cpus` puts it in
 * a cgroup limited to that many CPUs. Returns the process, its output so far, and `exited`.
 */
export function start(ctr, { argv, env = {}, volumes = [], cpus } = {}) {
  const command = argv ?? [...(ctr.config.Entrypoint ?? []), ...(ctr.config.Cmd ?? [])];
  const args = [...STORAGE, 'run', '--isolation', 'chroot'];
  for (const [k, v] of Object.entries(env)) args.push('--env', `${k}=${v}`);
  for (const v of volumes) args.push('--volume', v);
  args.push(ctr.id, '--', ...command);
  let cgroup;
  let child;
  if (cpus) {
    cgroup = `${CPU_CGROUP}/cd4ml-images-${process.pid}-${Date.now()}`;
    mkdirSync(cgroup);
    writeFileSync(`${cgroup}/cpu.cfs_period_us`, '100000');
    writeFileSync(`${cgroup}/cpu.cfs_quota_us`, String(Math.round(cpus * 100000)));
    // The shell joins the cgroup, then becomes buildah: everything it starts is inside.
    child = spawn(
      'sh',
      ['-c', `echo $$ > ${cgroup}/cgroup.procs && exec buildah "$@"`, 'sh', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } else {
    child = spawn('buildah', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    out,
    exited,
    cgroup,
    /** The pids of processes started from this run whose argv[0] is `name` (Node 24 names its thread MainThread). */
    pids: (name) => descendants(child.pid).filter((pid) => argv0(pid) === name),
    async cleanup() {
      if (child.exitCode === null && child.signalCode === null) {
        for (const pid of descendants(child.pid)) signal(pid, 'SIGKILL');
        child.kill('SIGKILL');
        await exited;
      }
      if (cgroup && existsSync(cgroup)) {
        // Whatever is left in the cgroup is this run's: ended, then the cgroup removed.
        const left = () =>
          readFileSync(`${cgroup}/cgroup.procs`, 'utf8').split('\n').filter(Boolean);
        for (const pid of left()) signal(Number(pid), 'SIGKILL');
        await waitFor(
          async () => left().length === 0,
          `the processes of ${cgroup} to exit`,
          10_000,
        );
        rmdirSync(cgroup);
      }
    },
  };
}

function argv0(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0].split('/').at(-1);
  } catch {
    return '';
  }
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** All live descendants of `root`, from /proc (parent pid is field 4 of /proc/<pid>/stat). */
export function descendants(root) {
  const parent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const found = [];
  const walk = (pid) => {
    for (const [child, ppid] of parent) {
      if (ppid !== pid) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** The real uid of a process (`Uid:` line of /proc/<pid>/status). */
export function uidOf(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Uid:'));
  return Number(line?.split(/\s+/)[1]);
}
