// Load generators and CPU accounting for bench/serving/grpc.mjs: h2load for gRPC, wrk for
// REST, each run to completion so its CPU (this process's reaped children) is measured too.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

/** A process's user + system CPU seconds; `self` also reads the reaped children's (the load tool's). */
export function cpuSeconds(pid, children = false) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const at = children ? 13 : 11;
  return (Number(fields[at]) + Number(fields[at + 1])) / 100;
}

const ms = (s) =>
  s.endsWith('us')
    ? Number(s.slice(0, -2)) / 1000
    : s.endsWith('ms')
      ? Number(s.slice(0, -2))
      : Number(s.slice(0, -1)) * 1000;

/** `streams` concurrent calls on each of c / streams connections: c in flight in all. */
export function h2load({ port, path, file, seconds, c, streams = 1 }) {
  const out = execFileSync(
    'h2load',
    [
      ...['-c', String(c / streams), '-m', String(streams), '-t', '1', '-D', String(seconds)],
      ...['-d', file, '-H', 'content-type: application/grpc', '-H', 'te: trailers'],
      `http://127.0.0.1:${port}${path}`,
    ],
    { encoding: 'utf8' },
  );
  const done =
    /requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored/.exec(
      out,
    );
  const mean = /time for request:\s+\S+\s+\S+\s+(\S+)/.exec(out);
  return {
    requests: Number(done[2]),
    rps: Number(done[2]) / seconds,
    meanMs: ms(mean[1]),
    errors: Number(done[3]) + Number(done[4]),
  };
}

/** wrk -t1 POSTing `file` with bench/serving/post.lua. */
export function wrk({ port, path, file, seconds, c, root }) {
  const out = execFileSync(
    'wrk',
    [
      ...['-t1', `-c${c}`, `-d${seconds}s`, '--timeout', '5s'],
      ...['-s', join(root, 'bench/serving/post.lua'), `http://127.0.0.1:${port}${path}`],
    ],
    { env: { ...process.env, BODY_FILE: file }, encoding: 'utf8' },
  );
  const m = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out).map(Number);
  return {
    requests: m[1],
    rps: m[1] / (m[2] / 1e6),
    meanMs: m[3] / 1000,
    errors: m[5] + m[6] + m[7],
  };
}

/** Runs `load` against the server `pid`: its result with server and client CPU µs per request and the 1-minute load average. */
export function measured(pid, load) {
  const server0 = cpuSeconds(pid);
  const client0 = cpuSeconds('self', true);
  const res = load();
  res.cpuUs = ((cpuSeconds(pid) - server0) / res.requests) * 1e6;
  res.clientUs = ((cpuSeconds('self', true) - client0) / res.requests) * 1e6;
  res.load = loadavg()[0];
  return res;
}
