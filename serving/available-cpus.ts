import { availableParallelism } from 'node:os';
import { readTextIfPresent } from '../core/fs/read.js';

/**
 * How many CPUs this process may actually use, for `--workers auto`: the CPUs
 * it may run on (affinity, cpusets: `os.availableParallelism()`), lowered to a
 * cgroup CPU limit when one is set — a container started with `--cpus 2` or a
 * pod with `limits.cpu: 2` on a 64-core node gets 2, not 64. A fractional limit
 * is rounded down (1.5 CPUs → 1 worker: two would be throttled against each
 * other), and the answer is never below 1.
 */

export interface CpuSources {
  /** A file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  availableParallelism(): number;
}

export interface CpuCount {
  cpus: number;
  /** Where the number came from, for the start-up log. */
  source: string;
}

const CGROUP_ROOT = '/sys/fs/cgroup';

const system: CpuSources = {
  readFile(path) {
    // Most of these files are absent on any one host: they cost no exception.
    try {
      return readTextIfPresent(path);
    } catch {
      return undefined; // unreadable: no limit to learn from it
    }
  },
  availableParallelism,
};

/** `dir` and each parent up to `root`, deepest first. */
function upTo(root: string, dir: string): string[] {
  const dirs: string[] = [];
  let d = dir.replace(/\/+$/, '');
  while (d.length >= root.length) {
    dirs.push(d);
    if (d === root) break;
    d = d.slice(0, d.lastIndexOf('/'));
  }
  return dirs;
}

interface Limit {
  cpus: number;
  file: string;
  text: string;
}

/** cgroup v2: `cpu.max` is "<quota> <period>" or "max <period>", in this cgroup or any parent. */
function v2Limit(src: CpuSources, cgroupPath: string): Limit | undefined {
  let best: Limit | undefined;
  for (const dir of upTo(CGROUP_ROOT, `${CGROUP_ROOT}${cgroupPath}`)) {
    const file = `${dir}/cpu.max`;
    const text = src.readFile(file)?.trim();
    const m = text ? /^(\d+)\s+(\d+)$/.exec(text) : null;
    if (!text || !m) continue;
    const cpus = Number(m[1]) / Number(m[2]);
    if (cpus > 0 && (!best || cpus < best.cpus)) best = { cpus, file, text };
  }
  return best;
}

/** cgroup v1: `cpu.cfs_quota_us` (-1 = none) over `cpu.cfs_period_us`, in the cpu controller's hierarchy. */
function v1Limit(src: CpuSources, controllers: string, cgroupPath: string): Limit | undefined {
  let best: Limit | undefined;
  for (const mount of [
    ...new Set([
      `${CGROUP_ROOT}/${controllers}`,
      `${CGROUP_ROOT}/cpu`,
      `${CGROUP_ROOT}/cpu,cpuacct`,
    ]),
  ]) {
    // In a container the path names the host's hierarchy, which is not mounted: the walk up reaches the container's root.
    for (const dir of upTo(mount, `${mount}${cgroupPath}`)) {
      const quota = Number(src.readFile(`${dir}/cpu.cfs_quota_us`)?.trim());
      const period = Number(src.readFile(`${dir}/cpu.cfs_period_us`)?.trim());
      if (!(quota > 0 && period > 0)) continue;
      const cpus = quota / period;
      if (!best || cpus < best.cpus)
        best = { cpus, file: `${dir}/cpu.cfs_quota_us`, text: `${quota} ${period}` };
    }
    if (best) return best;
  }
  return best;
}

/** The cgroup CPU limit of this process in CPUs (may be fractional), if any. */
function cgroupCpuLimit(src: CpuSources = system): Limit | undefined {
  const lines = (src.readFile('/proc/self/cgroup') ?? '').split('\n').filter(Boolean);
  let limit: Limit | undefined;
  for (const line of lines) {
    // "hierarchy-id:controllers:path"; the path may itself contain ':'.
    const first = line.indexOf(':');
    const second = line.indexOf(':', first + 1);
    if (first < 0 || second < 0) continue;
    const controllers = line.slice(first + 1, second);
    // The cgroup's path: '/' at the root (upTo drops the trailing slash).
    const path = line.slice(second + 1);
    const found =
      controllers === ''
        ? v2Limit(src, path)
        : controllers.split(',').includes('cpu')
          ? v1Limit(src, controllers, path)
          : undefined;
    if (found && (!limit || found.cpus < limit.cpus)) limit = found;
  }
  // No /proc/self/cgroup (not Linux, or hidden): the container's own cpu.max, if mounted.
  if (lines.length === 0) limit = v2Limit(src, '');
  return limit;
}

/** The CPUs `--workers auto` uses: see the module comment. */
export function availableCpus(src: CpuSources = system): CpuCount {
  const parallelism = Math.max(1, src.availableParallelism());
  const limit = cgroupCpuLimit(src);
  if (limit && Math.floor(limit.cpus) < parallelism) {
    return {
      cpus: Math.max(1, Math.floor(limit.cpus)),
      source: `cgroup CPU limit ${limit.text} (${limit.file})`,
    };
  }
  return { cpus: parallelism, source: `${parallelism} CPUs available (os.availableParallelism)` };
}
