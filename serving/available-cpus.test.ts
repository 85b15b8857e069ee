import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { availableCpus } from './available-cpus.js';
import type { CpuSources } from './available-cpus.js';

/** A fake machine: these files exist with this text, and this many CPUs are in the affinity mask. */
function machine(files: Record<string, string>, parallelism: number): CpuSources {
  return { readFile: (path) => files[path], availableParallelism: () => parallelism };
}

describe('availableCpus', () => {
  it.each<[string, Record<string, string>, number, number, RegExp]>([
    [
      'cgroup v2 container with --cpus 2 on a 64-CPU host',
      { '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/cpu.max': '200000 100000\n' },
      64,
      2,
      /cgroup CPU limit 200000 100000 \(\/sys\/fs\/cgroup\/cpu\.max\)/,
    ],
    [
      'cgroup v2 without a limit',
      { '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/cpu.max': 'max 100000\n' },
      8,
      8,
      /8 CPUs available/,
    ],
    [
      'a fractional limit rounds down',
      { '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/cpu.max': '150000 100000' },
      8,
      1,
      /150000 100000/,
    ],
    [
      'half a CPU is still one worker',
      { '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/cpu.max': '50000 100000' },
      8,
      1,
      /50000 100000/,
    ],
    [
      'a limit above the affinity mask does not add CPUs',
      { '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/cpu.max': '800000 100000' },
      2,
      2,
      /2 CPUs available/,
    ],
    [
      'the tightest limit on the way up (pod limit, container unlimited)',
      {
        '/proc/self/cgroup': '0::/kubepods.slice/pod-a/ctr-b\n',
        '/sys/fs/cgroup/kubepods.slice/pod-a/ctr-b/cpu.max': 'max 100000',
        '/sys/fs/cgroup/kubepods.slice/pod-a/cpu.max': '300000 100000',
        '/sys/fs/cgroup/kubepods.slice/cpu.max': '1600000 100000',
      },
      32,
      3,
      /pod-a\/cpu\.max/,
    ],
    [
      'cgroup v1 in a container: the host path is not mounted, the mount root has the quota',
      {
        '/proc/self/cgroup': '12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n0::/\n',
        '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us': '400000\n',
        '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us': '100000\n',
      },
      16,
      4,
      /400000 100000 \(\/sys\/fs\/cgroup\/cpu,cpuacct\/cpu\.cfs_quota_us\)/,
    ],
    [
      'cgroup v1 without a quota (-1)',
      {
        '/proc/self/cgroup': '1:cpu:/\n',
        '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1',
        '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000',
      },
      2,
      2,
      /2 CPUs available/,
    ],
    ['no cgroup files at all (not Linux)', {}, 4, 4, /4 CPUs available/],
    [
      'unreadable garbage',
      { '/proc/self/cgroup': 'nonsense', '/sys/fs/cgroup/cpu.max': 'lots' },
      3,
      3,
      /3 CPUs available/,
    ],
    [
      'a zero quota is not a limit',
      { '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/cpu.max': '0 100000' },
      6,
      6,
      /6 CPUs available/,
    ],
  ])('%s', (_name, files, parallelism, cpus, source) => {
    const count = availableCpus(machine(files, parallelism));
    expect(count.cpus).toBe(cpus);
    expect(count.source).toMatch(source);
  });

  it('reads this machine without throwing, within its affinity mask', () => {
    const { cpus } = availableCpus();
    expect(Number.isInteger(cpus)).toBe(true);
    expect(cpus).toBeGreaterThanOrEqual(1);
    expect(cpus).toBeLessThanOrEqual(availableParallelism());
  });
});
