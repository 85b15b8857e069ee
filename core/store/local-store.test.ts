import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseRun as makeBaseRun } from '../compare/__fixtures__/records.js';
import { tempProjects } from '../testing/project.js';
import {
  baselinesAlong,
  baselinesByCommit,
  listRuns,
  representativeRun,
  saveRun,
  type StoredRun,
} from './local-store.js';

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

  it('picks one baseline per commit, skipping failed runs and the run being compared', async () => {
    const p = project();
    const at = (id: string, commit: string, extra: object = {}) => ({
      ...baseRun,
      id,
      createdAt: `2026-01-0${id.length}T00:00:00.000Z`,
      git: { ...baseRun.git, commit, dirty: false },
      ...extra,
    });
    await saveRun(p.dir, at('a', 'c1'));
    await saveRun(p.dir, at('bb', 'c1', { status: 'failed' }));
    await saveRun(p.dir, at('ccc', 'c2'));
    await saveRun(p.dir, at('dddd', 'c3'));
    const chosen = baselinesByCommit(await listRuns(p.dir), 'dddd');
    expect([...chosen].map(([commit, run]) => [commit, run.record.id])).toEqual([
      ['c1', 'a'],
      ['c2', 'ccc'],
    ]);
  });

  it('walks a line of commits for the baselines on it, newest first, up to a limit', () => {
    const run = (id: string): StoredRun => ({ dir: id, record: { ...baseRun, id } });
    const baselines = new Map([
      ['c2', run('two')],
      ['c4', run('four')],
      ['c5', run('five')],
    ]);
    const line = ['c5', 'c4', 'c3', 'c2', 'c1'];
    expect(baselinesAlong(line, baselines).map((r) => r.record.id)).toEqual([
      'five',
      'four',
      'two',
    ]);
    expect(baselinesAlong(line.slice(1), baselines, 1).map((r) => r.record.id)).toEqual(['four']);
    expect(baselinesAlong(['c3', 'c1'], baselines)).toEqual([]);
  });
});
