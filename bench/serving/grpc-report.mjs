// The tables bench/serving/grpc.mjs prints: every round of every server, and every round of
// every ratio (the targets must hold in each, not only in the median), ready to paste into
// docs/benchmarks.md.
import { cpus, loadavg } from 'node:os';

export const REST = 'cd4ml REST V2 (JSON)';
export const RAW = 'cd4ml gRPC ModelInfer (raw)';
export const TYPED = 'cd4ml gRPC ModelInfer (typed)';
export const BARE = 'bare grpc-js + ort peer (raw)';
export const RAW1 = 'cd4ml gRPC ModelInfer (raw, 1 connection)';
export const BARE1 = 'bare grpc-js + ort peer (raw, 1 connection)';
export const H2 = 'floor: node:http2, canned answer';
export const GRPCJS = 'floor: grpc-js, canned answer';
export const HTTP = 'floor: node:http, canned answer (REST)';
export const H2_1 = 'floor: node:http2, canned answer, 1 connection';
export const GRPCJS_1 = 'floor: grpc-js, canned answer, 1 connection';

/** [label, numerator, denominator, target (×, or undefined)] */
const RATIOS = [
  ['gRPC raw ÷ REST V2 (32 connections)', RAW, REST, 1.0],
  ['gRPC raw, 1 connection ÷ REST V2', RAW1, REST, 1.0],
  ['gRPC raw ÷ bare grpc-js peer (32 connections)', RAW, BARE, 1.2],
  ['gRPC raw ÷ bare peer, 1 connection each', RAW1, BARE1, 1.2],
  ['gRPC typed ÷ REST V2', TYPED, REST],
  // The transport's share: canned answers over each stack, and against the full servers.
  ['floor node:http2 ÷ floor node:http (32 connections)', H2, HTTP],
  ['floor grpc-js ÷ floor node:http2 (32 connections)', GRPCJS, H2],
  ['floor grpc-js ÷ floor node:http2 (1 connection)', GRPCJS_1, H2_1],
  // cd4ml answers plain unary calls on node:http2 itself (serving/grpc/front.ts): its floor.
  ['cd4ml gRPC raw ÷ floor node:http2 (32 connections)', RAW, H2],
  ['cd4ml gRPC raw ÷ floor node:http2 (1 connection)', RAW1, H2_1],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const each = (xs, digits) => xs.map((x) => x.toFixed(digits)).join(' · ');
const span = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

/**
 * Prints the run's header and two tables. `results` maps each server to its rounds
 * ({ rps, cpuUs, clientUs, load, errors }); `meta` says how the run was made.
 */
export function printReport(results, { c, seconds, rounds, loadBefore }) {
  const cpu = cpus();
  const at = new Date().toISOString().slice(0, 16).replace('T', ' ');
  console.log(
    `\n${at} UTC · ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'} · node ${process.version} · c=${c} · ${rounds} rounds × ${seconds} s, every server in every round (interleaved) · 1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after\n`,
  );
  console.log(
    '| server | req/s, each round | median | CPU µs / request, each round | median | load tool CPU µs / request | load avg | errors |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, rs] of Object.entries(results)) {
    const rps = rs.map((r) => r.rps);
    const us = rs.map((r) => r.cpuUs);
    console.log(
      `| ${name} | ${each(rps, 0)} | ${median(rps).toFixed(0)} | ${each(us, 1)} | ${median(us).toFixed(1)} | ${median(rs.map((r) => r.clientUs)).toFixed(1)} | ${span(rs.map((r) => r.load))} | ${rs.reduce((a, r) => a + r.errors, 0)} |`,
    );
  }
  console.log(
    '\nRatios per round (req/s of the first over the second; calls per CPU second = the second’s CPU µs per request over the first’s):\n',
  );
  console.log(
    '| ratio | req/s, each round | median | calls per CPU second, each round | median | target | met in every round (req/s · CPU) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | :---: |');
  for (const [label, a, b, target] of RATIOS) {
    const rps = results[a].map((x, i) => x.rps / results[b][i].rps);
    const calls = results[a].map((x, i) => results[b][i].cpuUs / x.cpuUs);
    const yes = (xs) => (xs.every((r) => r >= target) ? 'yes' : 'no');
    const met = target === undefined ? '' : `${yes(rps)} · ${yes(calls)}`;
    console.log(
      `| ${label} | ${each(rps, 2)} | ${median(rps).toFixed(2)}× | ${each(calls, 2)} | ${median(calls).toFixed(2)}× | ${target === undefined ? '' : `≥ ${target.toFixed(1)}×`} | ${met} |`,
    );
  }
}
