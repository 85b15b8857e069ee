import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../testing/project.js';
import { buildRunRecord, startContext } from './record.js';
import { runPipeline } from './run.js';

const project = tempProjects();

async function runAndRecord(dir: string) {
  const pipelineFile = join(dir, 'cd4ml.yaml');
  const context = startContext(pipelineFile);
  const result = await runPipeline({ pipelineFile, jobs: 1 });
  return { result, record: await buildRunRecord(result, { overrides: [], ...context }) };
}

describe('buildRunRecord profiles', () => {
  it('keeps each profile in the run-cache, so a fresh checkout with the run-cache restored does not profile again', async () => {
    const p = project({
      'raw.csv': 'id,age\n1,30\n2,40\n3,50\n',
      'cd4ml.yaml':
        'stages:\n  prepare:\n    cmd: head -n 3 raw.csv > clean.csv\n    deps: [raw.csv]\n    outs: [clean.csv]\n',
    });
    const first = await runAndRecord(p.dir);
    expect(first.record.profiles?.['clean.csv']).toMatchObject({ rows: 2 });
    expect(first.record.profiles?.['raw.csv']).toMatchObject({ rows: 3 });
    const profiles = join(p.dir, '.cd4ml', 'cache', 'profiles');
    const files = readdirSync(profiles);
    expect(files).toHaveLength(2);

    // A new checkout: the workspace's outs, lock, logs and hash memos are gone; only the
    // run-cache (as actions/cache restores it) is back. The cached profile is marked so a
    // re-profile would show.
    for (const entry of ['clean.csv', 'cd4ml.lock', '.cd4ml/tmp', '.cd4ml/logs'])
      rmSync(join(p.dir, entry), { recursive: true, force: true });
    for (const file of files) {
      const cached = JSON.parse(readFileSync(join(profiles, file), 'utf8')) as object;
      writeFileSync(join(profiles, file), JSON.stringify({ ...cached, rows: 42 }));
    }

    const second = await runAndRecord(p.dir);
    expect(second.result.stages.prepare?.status).toBe('cached');
    expect(second.record.profiles?.['clean.csv']).toMatchObject({ rows: 42 });
    expect(second.record.profiles?.['raw.csv']).toMatchObject({ rows: 42 });
  });
});
