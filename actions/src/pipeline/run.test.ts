import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { pipelineInputs } from '../inputs.js';
import { runPipelineAction } from './run.js';

let workspace: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'cd4ml-pipeline-shadow-'));
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

const env = (shadow: string) => ({
  GITHUB_REPOSITORY: 'Codertocat/Hello-World',
  GITHUB_WORKSPACE: workspace,
  INPUT_SHADOW_SUMMARY: shadow,
});

it('reads shadow-summary, relative to working-directory', () => {
  expect(pipelineInputs({ INPUT_SHADOW_SUMMARY: 'shadow.json' }).shadowSummary).toBe('shadow.json');
  expect(pipelineInputs({}).shadowSummary).toBeUndefined();
});

it('refuses a shadow-summary that is missing or not a summary, naming the input, before any stage runs', async () => {
  // A CLI path that cannot run: reaching it would fail with another message.
  const deps = { cli: join(workspace, 'no-cli.js') };
  await expect(runPipelineAction(env('shadow.json'), deps)).rejects.toThrow(
    /shadow\.json[\s\S]*shadow-summary/,
  );
  writeFileSync(join(workspace, 'shadow.json'), JSON.stringify({ agreed: 'many' }));
  await expect(runPipelineAction(env('shadow.json'), deps)).rejects.toThrow(
    /shadow-summary[\s\S]*is not a cd4ml shadow summary/,
  );
});
