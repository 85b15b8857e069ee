// cd4ml ui at scale: 1,000 runs of 50 metrics. Measures (1) `cd4ml ui` start-up, from spawn
// to the printed URL, (2) the runs page from navigation to the first rows in headless
// Chromium, and (3) reading 1,000 runs from a pulled history branch with the local store
// (knownRuns). Budgets from issue 19: ≤ 1 s, ≤ 1 s, ≤ 2 s. `npm run bench:ui`.
// No peer runs here: mlflow ui is a Python server we cannot install offline; the budgets are
// the issue's, and MLflow's own issues report its runs page slowing past a few hundred runs.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { knownRuns } from '../../core/store/known-runs.js';
import { syntheticStore } from '../../core/testing/run-store.js';

const RUNS = Number(process.env.RUNS ?? 1000);
const METRICS = Number(process.env.METRICS ?? 50);
const CLI = join(import.meta.dirname, '../../bin/cd4ml.js');
const root = mkdtempSync(join(tmpdir(), 'cd4ml-bench-ui-'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function start(): Promise<{ url: string; ms: number; stop: () => void }> {
  const began = performance.now();
  const child = spawn(process.execPath, [CLI, 'ui', '--port', '0', '--root', root], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let text = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      const match = /http:\/\/\S+\//.exec(text);
      if (match) resolve(match[0]);
    });
    child.on('exit', () => reject(new Error(text)));
  });
  return { url, ms: performance.now() - began, stop: () => child.kill('SIGINT') };
}

try {
  await syntheticStore(root, RUNS, METRICS);
  const starts: number[] = [];
  const pages: number[] = [];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  });
  for (let round = 0; round < 5; round++) {
    const server = await start();
    starts.push(server.ms);
    const page = await browser.newPage();
    const began = performance.now();
    await page.goto(server.url);
    await page.locator('table.runs tbody tr').first().waitFor();
    pages.push(performance.now() - began);
    await page.close();
    server.stop();
  }
  await browser.close();
  // History: the same runs as pulled from the branch (.cd4ml/history/<id>/), none local.
  const pulled = mkdtempSync(join(tmpdir(), 'cd4ml-bench-history-'));
  for (const commit of (await import('node:fs')).readdirSync(join(root, '.cd4ml/runs')))
    cpSync(join(root, '.cd4ml/runs', commit), join(pulled, '.cd4ml/history'), { recursive: true });
  const reads: number[] = [];
  for (let round = 0; round < 5; round++) {
    const began = performance.now();
    const runs = await knownRuns(pulled);
    reads.push(performance.now() - began);
    if (runs.length !== RUNS) throw new Error(`read ${runs.length} runs, expected ${RUNS}`);
  }
  rmSync(pulled, { recursive: true, force: true });
  const line = (name: string, values: number[], budget: number) =>
    `${name.padEnd(44)} median ${median(values).toFixed(0).padStart(5)} ms  (budget ${budget} ms, ${(median(values) / budget).toFixed(2)}× of it)`;
  console.log(`${RUNS} runs × ${METRICS} metrics, 5 rounds each`);
  console.log(line('cd4ml ui: spawn → URL printed', starts, 1000));
  console.log(line('runs page: navigation → first rows (Chromium)', pages, 1000));
  console.log(line('knownRuns: 1,000 pulled history runs', reads, 2000));
} finally {
  rmSync(root, { recursive: true, force: true });
}
