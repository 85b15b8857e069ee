// cd4ml ui in a real browser: the built CLI serves a store of synthetic runs (and exports
// it, served by Python's http.server), and playwright-core drives Debian's chromium.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../core/runner/fault-testing.js';
import type { RunRecord } from '../../core/run-record/schema.js';
import { syntheticStore } from '../../core/testing/run-store.js';
import { tempProjects } from '../../core/testing/project.js';

const project = tempProjects();
const children: ChildProcess[] = [];
let browser: Browser;
const SHOTS = process.env.CD4ML_UI_SHOTS;

/** Starts a process and resolves with the first match of `pattern` in its output. */
function startUntil(command: string, args: string[], pattern: RegExp, cwd?: string) {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const matched = new Promise<RegExpExecArray>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = pattern.exec(text);
      if (match) resolve(match);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    void exited.then((code) => reject(new Error(`exited ${code}: ${text}`)));
  });
  // Awaited by the tests that expect a match; the others wait for the exit.
  matched.catch(() => undefined);
  return { child, matched, exited, text: () => text };
}

function serveUi(root: string, port = '0') {
  return startUntil(
    process.execPath,
    [cliPath(), 'ui', '--port', port, '--root', root],
    /http:\/\/127\.0\.0\.1:(\d+)\//,
  );
}

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
});
afterAll(async () => {
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  // Bundled, offline: nothing is fetched from anywhere but the UI's own origin.
  const origin = new URL(url).origin;
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) errors.push(`fetched ${request.url()}`);
  });
  await page.goto(url);
  return { page, errors };
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The checks both the served and the exported UI pass. */
async function browse(url: string, records: RunRecord[], label: string): Promise<Page> {
  const { page, errors } = await open(url);
  const rows = page.locator('table.runs tbody tr');
  await rows.first().waitFor();
  const newest = [...records].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  expect(await rows.count()).toBe(Math.min(50, records.length));
  expect(await rows.first().getAttribute('data-id')).toBe(newest[0]!.id);
  await expect
    .poll(() => page.locator('#page-info').textContent())
    .toContain(`${records.length} of ${records.length} runs`);
  await shot(page, `${label}-runs`);
  // Metric columns in reading order (m2 before m10); pagination to the older runs.
  const heads = await page.locator('table.runs th.metric').allTextContents();
  expect(heads.slice(0, 3)).toEqual(['m0', 'm1', 'm2']);
  const columns = await page.locator('table.runs thead th').allTextContents();
  expect(columns.slice(1, 9)).toEqual([
    'created ▾',
    'commit',
    'branch',
    'event',
    'status',
    'duration',
    'train.C',
    'train.model',
  ]);
  // Any column sorts: status descending puts a success first, ascending a failure.
  await page.locator('th', { hasText: /^status/ }).click();
  await page.locator('th', { hasText: /^status/ }).click();
  expect(await rows.first().locator('.badge').textContent()).toBe('failed');
  await page.locator('th', { hasText: /^created/ }).click();
  await page.click('button:has-text("older ›")');
  await expect.poll(() => page.locator('#page-info').textContent()).toContain('page 2 of 2');
  expect(await rows.count()).toBe(records.length - 50);
  expect(await rows.first().getAttribute('data-id')).toBe(newest[50]!.id);
  await page.click('button:has-text("‹ newer")');
  // Filters: branch, event, status, and a search over metrics.
  await page.selectOption('#filter-event', 'pull_request');
  expect(await rows.count()).toBe(records.filter((r) => r.event === 'pull_request').length);
  await page.selectOption('#filter-event', '');
  await page.selectOption('#filter-branch', 'feature');
  const feature = records.filter((r) => r.git.branch === 'feature');
  expect(await rows.count()).toBe(feature.length);
  await page.selectOption('#filter-status', 'failed');
  expect(await rows.count()).toBe(feature.filter((r) => r.status === 'failed').length);
  await page.selectOption('#filter-branch', '');
  await page.selectOption('#filter-status', '');
  const threshold = records[20]!.metrics.m0!;
  await page.fill('#search', `m0>=${threshold}`);
  expect(await rows.count()).toBe(records.filter((r) => r.metrics.m0! >= threshold).length);
  await page.fill('#search', '');
  // Sort by m0 ascending (two clicks: first descending).
  await page.locator('th', { hasText: /^m0/ }).click();
  await page.locator('th', { hasText: /^m0/ }).click();
  const lowest = [...records].sort((a, b) => a.metrics.m0! - b.metrics.m0!)[0]!;
  expect(await rows.first().getAttribute('data-id')).toBe(lowest.id);
  // Compare the two newest main runs: deltas against the first selected.
  const [head, base] = newest.filter((r) => r.git.branch === 'main');
  await page.locator('th', { hasText: /^created/ }).click();
  await page.check(`tr[data-id="${base!.id}"] input`);
  await page.check(`tr[data-id="${head!.id}"] input`);
  await page.click('#compare');
  const m0 = page.locator('#compare-metrics tr', { hasText: /^m0/ });
  await m0.waitFor();
  const expected = head!.metrics.m0! - base!.metrics.m0!;
  const cells = await m0.locator('td').allTextContents();
  expect(cells[0]).toBe('m0');
  expect(cells[2]).toContain(
    `(${expected > 0 ? '+' : '−'}${Number(Math.abs(expected).toPrecision(4))})`,
  );
  await page.locator('#gate .badge').waitFor();
  expect(await page.locator('#gate pre').textContent()).toMatch(/m0/);
  await shot(page, `${label}-compare`);
  // The run view and the metric history chart.
  await page.click(`a[href="#/run/${head!.id}"]`);
  await page.locator('h2', { hasText: 'Stage timeline' }).waitFor();
  expect(await page.locator('.gantt-row').count()).toBe(Object.keys(head!.stages).length);
  const cached = Object.values(head!.stages).filter((stage) => stage.status === 'cached');
  expect(await page.locator('.gantt-bar.cached').count()).toBe(cached.length);
  expect(await page.locator('h1').textContent()).toBe(`Run ${head!.id}`);
  await runSections(page, head!);
  await shot(page, `${label}-run`);
  await page.click('a[href="#/history"]');
  await page.locator('#chart canvas').waitFor();
  await shot(page, `${label}-history`);
  expect(errors).toEqual([]);
  return page;
}

/** The run view's other sections: candidates and champion, model, DAG, predictions, downloads. */
async function runSections(page: Page, run: RunRecord): Promise<void> {
  const card = (title: string) =>
    page.locator('section.card', { has: page.getByRole('heading', { name: title, exact: true }) });
  expect(await card('Candidates').locator('strong').textContent()).toBe(
    `${run.champion} ★ champion`,
  );
  const model = await card('Model').textContent();
  expect(model).toContain(`${Number((run.model!.bytes / 1024).toPrecision(4))} KiB`);
  expect(model).toContain(`${run.model!.inputs[0]!.name}: ${run.model!.inputs[0]!.type}`);
  expect(model).toContain(`p50 ${run.model!.latency!.p50Ms} ms`);
  expect(await page.locator('.dag-node').allTextContents()).toEqual(['prepare', 'train← prepare']);
  expect(await card('Predictions').textContent()).toContain(
    `${run.predictions!.rows} rows from ${run.predictions!.source}`,
  );
  // Both downloads answer with the files themselves.
  const links = card('Downloads').locator('a');
  expect(await links.allTextContents()).toEqual(['cd4ml-run.json', run.predictions!.file]);
  const download = async (i: number) =>
    fetch(new URL((await links.nth(i).getAttribute('href')) ?? '', page.url()));
  const record = (await (await download(0)).json()) as RunRecord;
  expect(record.id).toBe(run.id);
  expect(await (await download(1)).text()).toBe(PREDICTIONS);
}

const PREDICTIONS = 'id,label,score\n1,1,0.9\n';

/** A pipeline beside the store (the run view draws its DAG) and predictions for the newest main run. */
function decorate(root: string, records: RunRecord[]): void {
  writeFileSync(
    join(root, 'cd4ml.yaml'),
    'stages:\n  prepare:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n  train:\n    cmd: cp a.txt b.txt\n    deps: [a.txt]\n    outs: [b.txt]\n',
  );
  const head = [...records].reverse().find((r) => r.git.branch === 'main')!;
  const dir = join(root, '.cd4ml', 'runs', head.git.commit!, head.id);
  writeFileSync(join(dir, head.predictions!.file), PREDICTIONS);
  // A hostile record: left out of the runs, and named where the UI starts.
  mkdirSync(HOSTILE, { recursive: true });
  writeFileSync(
    join(HOSTILE, 'cd4ml-run.json'),
    JSON.stringify({ ...head, metrics: 'x'.repeat(9) }),
  );
}
let HOSTILE = '';

let root: string | undefined;

describe('cd4ml ui', () => {
  let records: RunRecord[];
  let base: string;
  let served: ReturnType<typeof serveUi>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cd4ml-ui-test-'));
    records = await syntheticStore(root, 60, 12);
    HOSTILE = join(root, '.cd4ml', 'runs', 'f'.repeat(40), '20990101-000000-0badbeef');
    decorate(root, records);
    const server = serveUi(root);
    base = `http://127.0.0.1:${(await server.matched)[1]}`;
    served = server;
  }, 60_000);

  it('shows, filters, sorts and compares the runs in Chromium, with no console errors', async () => {
    const page = await browse(`${base}/`, records, 'served');
    await page.close();
  }, 60_000);

  it('carries the first page in the HTML: the rows show with runs.json still on its way', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const inlined = /<script type="application\/json" id="first-page">(.*?)<\/script>/s.exec(html);
    const first = JSON.parse(inlined![1]!) as { total: number; index: { runs: { id: string }[] } };
    expect(first.total).toBe(records.length);
    expect(first.index.runs).toHaveLength(50);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // runs.json never answers: what shows is the page's own first page.
    await page.route('**/data/runs.json', () => undefined);
    await page.goto(`${base}/`);
    const rows = page.locator('table.runs tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(50);
    expect(await page.locator('#page-info').textContent()).toBe(
      `newest 50 of ${records.length} runs · loading the rest…`,
    );
    await page.close();
  });

  it('answers bad requests with a 4xx and a reason, and serves nothing outside the store', async () => {
    const paths = [
      '/etc/passwd',
      '/data/../../../etc/passwd',
      '/data/run/..%2f..%2fcd4ml-run.json',
      '/data/run/%2e%2e/cd4ml-run.json',
      '/data/run/no-such-run.json',
      '/data/run/x/../../.git/config',
      '/data/compare/a/b.json',
      '/%E0%A4%A',
    ];
    for (const path of paths) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect(((await response.json()) as { error: string }).error, path).toBeTruthy();
    }
    // The page says the same, with the way back.
    const page = await browser.newPage();
    await page.goto(`${base}/#/run/no-such-run`);
    await page.locator('p.error').waitFor();
    expect(await page.locator('p.error').textContent()).toBe(
      'no run with that id in the store: /data/run/no-such-run.json',
    );
    await page.click('a:has-text("the runs list")');
    await page.locator('table.runs tbody tr').first().waitFor();
    await page.close();
    await expect
      .poll(() => served.text())
      .toMatch(
        /left out 1 run record\(s\) that are not valid:\n {2}\S+0badbeef\/cd4ml-run\.json: metrics: [^\n]+\n {2}hint: /,
      );
    const post = await fetch(`${base}/data/runs.json`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    const index = (await (await fetch(`${base}/data/runs.json`)).json()) as { runs: unknown[] };
    expect(index.runs).toHaveLength(records.length);
    const record = await fetch(`${base}/data/run/${records[0]!.id}/cd4ml-run.json`);
    expect(((await record.json()) as RunRecord).id).toBe(records[0]!.id);
  });

  it('shows a run saved while it serves on the next reload, without a restart', async () => {
    const before = (await (await fetch(`${base}/data/runs.json`)).json()) as { runs: unknown[] };
    const extra = mkdtempSync(join(tmpdir(), 'cd4ml-ui-extra-'));
    let saved: string | undefined;
    try {
      const [added] = await syntheticStore(extra, 1, 8);
      const { saveRun } = await import('../../core/store/local-store.js');
      const record = {
        ...added!,
        id: '29991231-235959-0000beef',
        createdAt: '2999-12-31T23:59:59.000Z',
      };
      saved = (await saveRun(root!, record, {})).dir;
      const after = (await (await fetch(`${base}/data/runs.json`)).json()) as {
        runs: { id: string }[];
      };
      expect(after.runs).toHaveLength(before.runs.length + 1);
      expect(after.runs.map((run) => run.id)).toContain(record.id);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${base}/`);
      await page.locator(`tr[data-id="${record.id}"]`).waitFor();
      expect(await page.locator('tbody tr').first().getAttribute('data-id')).toBe(record.id);
      await shot(page, 'served-new-run');
      await page.close();
    } finally {
      rmSync(extra, { recursive: true, force: true });
      // The later tests count the store's runs.
      if (saved) rmSync(saved, { recursive: true, force: true });
    }
  });

  it('listens where --host says and prints that URL', async () => {
    const other = startUntil(
      process.execPath,
      [cliPath(), 'ui', '--port', '0', '--host', '127.0.0.2', '--root', root!],
      /http:\/\/127\.0\.0\.2:(\d+)\//,
    );
    const url = `http://127.0.0.2:${(await other.matched)[1]}`;
    const index = (await (await fetch(`${url}/data/runs.json`)).json()) as { runs: unknown[] };
    expect(index.runs).toHaveLength(records.length);
    other.child.kill('SIGINT');
    await other.exited;
  });

  it("gives two runs cd4ml compare's own gate report, word for word", async () => {
    const [newer, older] = [...records].reverse().filter((r) => r.git.branch === 'main');
    const view = (await (
      await fetch(`${base}/data/compare/${newer!.id}/${older!.id}.json`)
    ).json()) as { conclusion: string; text: string };
    const file = (r: RunRecord) =>
      join(root!, '.cd4ml', 'runs', r.git.commit!, r.id, 'cd4ml-run.json');
    const cli = spawnSync(
      process.execPath,
      [
        cliPath(),
        'compare',
        '--root',
        root!,
        '--head',
        file(newer!),
        '--base',
        file(older!),
        '--format',
        'text',
      ],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(cli.stderr).toBe('');
    // The same runs, named by the path given here and by their store entry there.
    const named = cli.stdout
      .replaceAll(`${join(root!, '.cd4ml', 'runs')}/`, 'store:')
      .replaceAll('/cd4ml-run.json', '');
    expect(view.text).toBe(named);
    expect(view.text).toMatch(/m0 +[\d.]+ +[\d.]+/);
    // The newest main run failed: its gate says so in both.
    expect(view.conclusion).toBe('failure');
    expect(cli.status).toBe(1);
  });

  it('says which port is in use and exits 2', async () => {
    const port = new URL(base).port;
    const second = serveUi(root!, port);
    expect(await second.exited).toBe(2);
    expect(second.text()).toMatch(
      new RegExp(`port ${port} on 127.0.0.1 is in use[\\s\\S]*hint: pass another --port`),
    );
  });

  it("exports a static site that works from a plain file server, and refuses a directory of the user's", async () => {
    const out = join(project().dir, 'site');
    const exported = startUntil(
      process.execPath,
      [cliPath(), 'ui', '--root', root!, '--export', out],
      /exported (\d+) run/,
    );
    expect((await exported.matched)[1]).toBe(String(records.length));
    expect(await exported.exited).toBe(0);
    expect(
      readdirSync(out)
        .filter((name) => !/^chunk-\w+\.js$/.test(name))
        .sort(),
    ).toEqual(['.cd4ml-ui', '.nojekyll', 'app.css', 'app.js', 'data', 'index.html']);
    // The chart library, loaded by the history view only.
    expect(readdirSync(out).filter((name) => /^chunk-\w+\.js$/.test(name))).toHaveLength(1);
    const server = startUntil(
      'python3',
      ['-m', 'http.server', '0', '--bind', '127.0.0.1'],
      /port (\d+)/,
      out,
    );
    const port = (await server.matched)[1];
    const page = await browse(`http://127.0.0.1:${port}/`, records, 'exported');
    await page.close();
    const mine = join(project().dir, 'notes');
    mkdirSync(mine);
    writeFileSync(join(mine, 'todo.txt'), 'mine\n');
    const refused = startUntil(
      process.execPath,
      [cliPath(), 'ui', '--root', root!, '--export', mine],
      /never/,
    );
    expect(await refused.exited).toBe(2);
    expect(refused.text()).toMatch(/is not empty and is not a cd4ml ui export[\s\S]*hint/);
    expect(readdirSync(mine)).toEqual(['todo.txt']);
  }, 90_000);
});
