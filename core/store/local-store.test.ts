import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseRun as makeBaseRun } from '../compare/__fixtures__/records.js';
import { tempProjects } from '../testing/project.js';
import { listRuns, representativeRun, saveRun } from './local-store.js';

const project = tempProjects();
const baseRun = makeBaseRun();

describe('local run store', () => {
  it('saves runs atomically by commit and lists them oldest first', async () => {
    const p = project();
    const older = { ...baseRun, id: 'a', createdAt: '2026-01-01T00:00:00.000Z' };
    const newer = { ...baseRun, id: 'b', createdAt: '2026-01-02T00:00:00.000Z' };
    await saveRun(p.dir, newer);
    await saveRun(p.dir, older);
    const runs = await listRuns(p.dir);
    expect(runs.map((run) => run.record.id)).toEqual(['a', 'b']);
    expect(runs.map((run) => relative(p.dir, run.dir))).toEqual(
      ['a', 'b'].map((id) => join('.cd4ml', 'runs', baseRun.git.commit!, id)),
    );
  });

  it('prefers the newest clean run of a commit as its baseline', async () => {
    const p = project();
    const clean = {
      ...baseRun,
      id: 'clean',
      createdAt: '2026-01-01T00:00:00.000Z',
      git: { ...baseRun.git, dirty: false },
    };
    const whatIf = {
      ...baseRun,
      id: 'what-if',
      createdAt: '2026-01-02T00:00:00.000Z',
      git: { ...baseRun.git, dirty: true },
    };
    await saveRun(p.dir, clean);
    await saveRun(p.dir, whatIf);
    expect(representativeRun(await listRuns(p.dir))?.record.id).toBe('clean');
    expect(
      representativeRun((await listRuns(p.dir)).filter((run) => run.record.git.dirty))?.record.id,
    ).toBe('what-if');
    expect(representativeRun([])).toBeUndefined();
  });
});
