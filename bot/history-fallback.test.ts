// The bot's fallback for an expired baseline artifact: the record comes from the
// `cd4ml-history` branch through the contents API, and the report says so. Real webhook
// payloads through Probot, real runs made by the built CLI, the fake GitHub at the edge.
import type { Probot } from 'probot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INDEX_SCHEMA, compactRecord, indexEntry, runFile } from '../core/history-branch/layout.js';
import { FakeGitHub } from '../github/testing/fake-github.js';
import { APP_ID, FakeRepo } from '../github/testing/fake-repo.js';
import { startBot } from './testing/harness.js';
import { REPOSITORY, workflowRunCompleted } from './testing/payloads.js';
import { BASE_RUN, RunFactory, runArtifact, type MadeRun } from './testing/runs.js';

const POLICY = `gate:
  rules:
    - { metric: accuracy, min: 0.85 }
report: { history: 10, chart: [accuracy] }
`;
const R = `/repos/${REPOSITORY.full_name}`;

let factory: RunFactory;
let older: MadeRun;
let base: MadeRun;
let improved: MadeRun;

beforeAll(async () => {
  factory = new RunFactory();
  older = await factory.run({
    branch: 'main',
    accuracy: 0.92,
    wrong: 16,
    event: 'push',
    runId: 1000,
  });
  base = await factory.run({ ...BASE_RUN, historyFrom: older.dir });
  improved = await factory.run({
    branch: 'feat/better',
    accuracy: 0.95,
    wrong: 10,
    event: 'pull_request',
    runId: 2001,
  });
}, 60_000);

afterAll(() => factory.cleanup());

let github: FakeGitHub;
let repo: FakeRepo;
let probot: Probot;

beforeEach(async () => {
  github = new FakeGitHub();
  repo = new FakeRepo(REPOSITORY.full_name, REPOSITORY.id);
  repo.parents = new Map(factory.parents);
  repo.mount(github);
  repo.files.set(`${base.sha}:.github/cd4ml.yml`, POLICY);
  repo.artifacts.push(runArtifact(base, { branch: 'main', expired: true }));
  repo.artifacts.push(runArtifact(improved, { branch: 'feat/7' }));
  probot = await startBot(github);
});

function event() {
  return workflowRunCompleted({
    runId: improved.runId,
    headSha: improved.sha,
    headBranch: 'feat/7',
    pr: { number: 7, baseSha: base.sha },
  });
}

const ourComment = () =>
  repo.commentsOn(7).filter((c) => c.performed_via_github_app?.id === APP_ID)[0]?.body ?? '';
const contents = () => github.requests().filter((r) => r.startsWith(`GET ${R}/contents/`));

describe('the bot with an expired baseline artifact', () => {
  it('reads the baseline from the cd4ml-history branch and says so in the report', async () => {
    const records = [older.record, base.record].map(compactRecord);
    for (const record of records)
      repo.files.set(`cd4ml-history:${runFile(record.id)}`, JSON.stringify(record));
    repo.files.set(
      'cd4ml-history:index.json',
      JSON.stringify({ schema: INDEX_SCHEMA, runs: records.map(indexEntry) }),
    );
    await probot.receive(event());
    const body = ourComment();
    // Markdown-escaped in the comment: `\(`, `\``.
    expect(body.replace(/\\/g, '')).toContain(
      `The baseline workflow run ${base.runId}: its \`cd4ml-run\` artifact has expired (artifact retention); its record came from the \`cd4ml-history\` branch (${runFile(base.record.id)})`,
    );
    // Compared with the base's numbers (0.93 → 0.95), the check passes.
    expect(body).toMatch(/0\.93/);
    const check = repo.checkRuns.find((c) => c.name === 'cd4ml / model gate');
    expect(check?.conclusion).toBe('success');
    expect(github.requests()).not.toContain(`GET ${R}/actions/artifacts/${base.runId * 10}/zip`);
    // The index once, the base's record, then its trend (the older run).
    expect(contents().filter((r) => !r.endsWith('.github/cd4ml.yml'))).toEqual([
      `GET ${R}/contents/index.json`,
      `GET ${R}/contents/${runFile(base.record.id)}`,
      `GET ${R}/contents/${runFile(older.record.id)}`,
    ]);
  });

  it('without a history branch there is no baseline, after one request for its index', async () => {
    await probot.receive(event());
    expect(ourComment()).toContain('<b>Baseline</b>: none found');
    expect(contents().filter((r) => !r.endsWith('.github/cd4ml.yml'))).toEqual([
      `GET ${R}/contents/index.json`,
    ]);
  });
});
