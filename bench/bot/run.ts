/**
 * `npm run bench:bot`: what one `workflow_run` event costs the bot on a same-repository
 * PR with 120 comments — GitHub API requests (token exchange included), the handler's
 * own time (wall time less the time GitHub's stand-in took to answer), and memory while
 * it refuses a 2 GB zip bomb. GitHub is a local HTTP stand-in (github/testing/fake-github.ts);
 * the runs are real `cd4ml run`s zipped as artifacts. Peer: core alone doing the same
 * comparison on the same two artifacts in memory (what `cd4ml compare` computes).
 */
import { performance } from 'node:perf_hooks';
import { arch, cpus, platform } from 'node:os';
import { Zip, ZipDeflate } from 'fflate';
import { renderGateReport, runGate } from '../../core/gate/gate.js';
import { memorySource } from '../../core/gate/testing.js';
import { Probot } from 'probot';
import { cd4mlApp } from '../../bot/app.js';
import { cd4mlOctokit } from '../../bot/github/octokit.js';
import { readRunZip } from '../../github/read-run-zip.js';
import { FakeGitHub } from '../../github/testing/fake-github.js';
import { APP_ID, FakeRepo } from '../../github/testing/fake-repo.js';
import { PRIVATE_KEY } from '../../bot/testing/harness.js';
import { REPOSITORY, workflowRunCompleted } from '../../bot/testing/payloads.js';
import { BASE_RUN, RunFactory, runArtifact } from '../../bot/testing/runs.js';

const ITERATIONS = 20;
const COMMENTS = 120;
const RUNS = 5_000;
const BOMB_BYTES = 2 * 1024 ** 3;

/** `METHOD /path` of each API call, a GraphQL request with its operation's name. */
function requestsOf(github: FakeGitHub): string[] {
  return github.calls
    .filter((c) => c.host !== 'blob')
    .map((c) => {
      const query = (c.body as { query?: unknown } | undefined)?.query;
      const name = typeof query === 'string' ? /^\s*query\s+(\w+)/.exec(query)?.[1] : undefined;
      return `${c.method} ${c.path}${name ? ` (${name})` : ''}`;
    });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Octokit's fetch, timed: the time GitHub (the stand-in) took is not the handler's. */
function timedFetch() {
  const spent = { ms: 0 };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const start = performance.now();
    try {
      const response = await globalThis.fetch(input, init);
      const body = await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      spent.ms += performance.now() - start;
    }
  };
  return { fetch, spent };
}

async function probotFor(url: string, fetch: typeof globalThis.fetch): Promise<Probot> {
  // Write pacing (plugin-throttling spaces content-creating requests 1 s apart) is GitHub's
  // etiquette, not handler work: off here (docs/benchmarks.md says what it adds).
  const Octokit = cd4mlOctokit({ fetch, throttle: false });
  const probot = new Probot({
    appId: APP_ID,
    privateKey: PRIVATE_KEY,
    logLevel: 'fatal',
    Octokit,
    baseUrl: `${url}/api/v3`,
  });
  await probot.load(cd4mlApp({ me: { appId: APP_ID, login: null }, readZip: readRunZip }));
  return probot;
}

/** A zip whose one data entry inflates to `bytes` of zeros, built in 1 MiB steps (never whole in memory). */
function zipBomb(bytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const record = new ZipDeflate('cd4ml-run.json', { level: 1 });
  zip.add(record);
  record.push(new TextEncoder().encode('{}'), true);
  const entry = new ZipDeflate('metrics.json', { level: 9 });
  zip.add(entry);
  const block = new Uint8Array(1024 * 1024);
  for (let done = 0; done < bytes; done += block.length)
    entry.push(block, done + block.length >= bytes);
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function main(): Promise<void> {
  const factory = new RunFactory();
  const base = await factory.run(BASE_RUN);
  const head = await factory.run({
    branch: 'feat/better',
    accuracy: 0.95,
    wrong: 10,
    event: 'pull_request',
    runId: 2001,
  });
  // A second PR on the same base: what an event costs a bot that is already running.
  const other = await factory.run({
    branch: 'feat/other',
    accuracy: 0.94,
    wrong: 12,
    event: 'pull_request',
    runId: 2002,
  });
  factory.cleanup();

  const github = new FakeGitHub();
  const repo = new FakeRepo(REPOSITORY.full_name, REPOSITORY.id);
  repo.parents = new Map(factory.parents);
  repo.mount(github);
  repo.files.set(
    `${base.sha}:.github/cd4ml.yml`,
    'gate:\n  rules:\n    - { metric: accuracy, min: 0.9, max_decrease: 0.002, significant: true }\n',
  );
  for (const run of [base, head, other]) {
    repo.artifacts.push(
      runArtifact(run, { branch: run === base ? 'main' : run === head ? 'feat/7' : 'feat/8' }),
    );
  }
  // A busy repository: 5,000 runs of other branches and PRs, newer than the base's.
  for (let i = 0; i < RUNS; i++) {
    repo.runs.push({
      id: 10_000 + i,
      headSha: (i + 1).toString(16).padStart(40, 'e'),
      headBranch: i % 3 === 0 ? 'main' : `feat/${i}`,
      event: i % 3 === 0 ? 'push' : 'pull_request',
      headRepositoryId: REPOSITORY.id,
    });
  }
  repo.addHumanComments(7, COMMENTS);
  repo.addHumanComments(8, COMMENTS);
  repo.checkRuns.push({
    id: 1,
    name: 'cd4ml / model gate',
    head_sha: head.sha,
    status: 'queued',
    conclusion: null,
    output: {},
    app: { id: APP_ID },
  });
  const api = await github.listen();
  const event = workflowRunCompleted({
    runId: head.runId,
    headSha: head.sha,
    headBranch: 'feat/7',
    pr: { number: 7, baseSha: base.sha },
  });

  // 1. Requests and time of one event (the first: cold, token exchange included), then warm ones.
  const timed = timedFetch();
  const bot = await probotFor(api.url, timed.fetch);
  const own: number[] = [];
  const wall: number[] = [];
  let firstRequests: string[] = [];
  for (let i = 0; i < ITERATIONS + 1; i++) {
    github.calls.length = 0;
    timed.spent.ms = 0;
    const start = performance.now();
    await bot.receive({ ...event, id: `bench-${i}` });
    const elapsed = performance.now() - start;
    if (i === 0) firstRequests = requestsOf(github);
    wall.push(elapsed);
    own.push(elapsed - timed.spent.ms);
  }
  // The second PR's event in the same (running) bot: the installation token, the base run
  // and the policy at the merge-base are already known.
  github.calls.length = 0;
  await bot.receive({
    ...workflowRunCompleted({
      runId: other.runId,
      headSha: other.sha,
      headBranch: 'feat/8',
      pr: { number: 8, baseSha: base.sha },
    }),
    id: 'bench-other',
  });
  const otherRequests = requestsOf(github);
  // Peer: the same comparison by core alone (what `cd4ml compare` computes): both artifacts
  // read from memory, runGate, the markdown report. The bot's own time less this is its
  // GitHub plumbing.
  const policyText = repo.files.get(`${base.sha}:.github/cd4ml.yml`) ?? '';
  const coreMs: number[] = [];
  for (let i = 0; i < ITERATIONS + 1; i++) {
    const start = performance.now();
    const [headRun, baseRun] = await Promise.all([
      readRunZip(head.zip, 'head'),
      readRunZip(base.zip, 'base'),
    ]);
    const source = memorySource({
      line: [base.sha],
      trust: 'github',
      runs: { [base.sha]: [baseRun] },
      files: { [base.sha]: { '.github/cd4ml.yml': policyText } },
    });
    const result = await runGate(source, { head: headRun, baseCommit: base.sha });
    renderGateReport(result, 'md');
    coreMs.push(performance.now() - start);
  }

  // 2. A 2 GB zip bomb as the head artifact: refused, memory bounded.
  const bomb = zipBomb(BOMB_BYTES);
  repo.artifacts.find((a) => a.id === head.runId * 10)!.zip = bomb;
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
  const bombStart = performance.now();
  await bot.receive({ ...event, id: 'bomb' });
  const bombMs = performance.now() - bombStart;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const check = repo.checkRuns.find((c) => c.id === 1);
  await api.close();

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const lines = [
    `cd4ml bot benchmark — ${platform()} ${arch()}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.versions.node}`,
    '',
    `| one workflow_run event, same-repo PR, ${COMMENTS} comments, ${RUNS.toLocaleString('en-US')} runs | value | target |`,
    '|:--|--:|--:|',
    `| GitHub API requests, first event of a fresh process (token exchange included) | ${firstRequests.length} | ≤ 10 |`,
    `| GitHub API requests, another PR's event in the running bot | ${otherRequests.length} | ≤ 10 |`,
    `| handler's own time, first event (cold) | ${ms(own[0] ?? NaN)} | ≤ 200 ms |`,
    `| handler's own time, median of ${ITERATIONS} warm events | ${ms(median(own.slice(1)))} | ≤ 200 ms |`,
    `| wall time incl. the stand-in's answers, median | ${ms(median(wall.slice(1)))} | |`,
    `| peer: core alone on the same two artifacts (read zips, runGate, render), median | ${ms(median(coreMs.slice(1)))} | |`,
    `| ratio: bot's own time / core alone | ${(median(own.slice(1)) / median(coreMs.slice(1))).toFixed(2)}× | |`,
    `| 2 GB zip bomb (${mb(bomb.length)} zip): refused in | ${ms(bombMs)} | |`,
    `| 2 GB zip bomb: peak RSS while refusing (before: ${mb(rssBefore)}) | ${mb(peakRss)} | < 300 MB |`,
    '',
    `Requests (first): ${firstRequests.join(', ')}`,
    `Requests (another PR): ${otherRequests.join(', ')}`,
    `Zip bomb check: ${check?.conclusion ?? '?'} — ${(check?.output.summary ?? '').split('\n')[0]?.slice(0, 160) ?? ''}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const ok =
    firstRequests.length <= 10 &&
    otherRequests.length <= 10 &&
    median(own.slice(1)) <= 200 &&
    peakRss < 300 * 1024 * 1024 &&
    check?.conclusion === 'neutral';
  if (!ok) process.exitCode = 1;
}

await main();
