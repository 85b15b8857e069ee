/**
 * Writes the PR comment the bot actually posts (the body of its POST to the stand-in
 * GitHub) for a regression PR, so docs can show a picture rendered from it:
 *
 *   npx tsx bench/bot/sent-report.ts /tmp/bot-report.md
 *   npx tsx scripts/render-report.ts --md /tmp/bot-report.md --out docs/img/bot-report.png
 */
import { writeFile } from 'node:fs/promises';
import { FakeGitHub } from '../../github/testing/fake-github.js';
import { FakeRepo } from '../../github/testing/fake-repo.js';
import { startBot } from '../../bot/testing/harness.js';
import { REPOSITORY, workflowRunCompleted } from '../../bot/testing/payloads.js';
import { BASE_RUN, RunFactory, runArtifact } from '../../bot/testing/runs.js';

const out = process.argv[2] ?? 'bot-report.md';
const factory = new RunFactory();
const base = await factory.run(BASE_RUN);
const head = await factory.run({
  branch: 'feat/bigger-C',
  accuracy: 0.9,
  wrong: 20,
  event: 'pull_request',
  runId: 2001,
});
factory.cleanup();
const github = new FakeGitHub();
const repo = new FakeRepo(REPOSITORY.full_name, REPOSITORY.id);
repo.parents = new Map(factory.parents);
repo.mount(github);
repo.files.set(
  `${base.sha}:.github/cd4ml.yml`,
  'gate:\n  rules:\n    - { metric: accuracy, min: 0.85, max_decrease: 0.005, significant: true }\n    - { metric: loss, max: 0.3 }\nreport: { chart: [accuracy] }\n',
);
for (const run of [base, head]) {
  repo.artifacts.push(runArtifact(run, { branch: run === base ? 'main' : 'feat/bigger-C' }));
}
const bot = await startBot(github);
await bot.receive(
  workflowRunCompleted({
    runId: head.runId,
    headSha: head.sha,
    headBranch: 'feat/bigger-C',
    pr: { number: 7, baseSha: base.sha },
  }),
);
const [sent] = github.bodies('POST', `/repos/${REPOSITORY.full_name}/issues/7/comments`) as Array<{
  body: string;
}>;
if (!sent) throw new Error('the bot posted no comment');
await writeFile(out, sent.body);
process.stdout.write(`wrote ${out} (${sent.body.length} characters, as the bot sent it)\n`);
