import { describe, expect, it } from 'vitest';
import { layeredDag, previousOnBranch, runDetail } from './detail.js';
import { fillPage } from './export.js';
import { firstPage, runsIndex, type RunRow } from './rows.js';
import { parseDataPath } from './site.js';
import type { RunRecord } from '../run-record/schema.js';

describe('parseDataPath', () => {
  it.each([
    ['runs.json', { kind: 'index' }],
    ['run/20260101-000001-ab.json', { kind: 'run', id: '20260101-000001-ab' }],
    ['run/r1/cd4ml-run.json', { kind: 'file', id: 'r1', name: 'cd4ml-run.json' }],
    ['run/r1/predictions.csv', { kind: 'file', id: 'r1', name: 'predictions.csv' }],
    ['compare/a/b.json', { kind: 'compare', head: 'a', base: 'b' }],
    ['run/../x.json', null],
    ['run/r1/../../.git/config', null],
    ['run/.hidden.json', null],
    ['run/r1/other.csv', null],
    ['../runs.json', null],
    ['run/a/b.json', null],
  ])('%s', (path, expected) => expect(parseDataPath(path)).toEqual(expected));
});

describe('run view data', () => {
  it("layers the DAG by longest path and finds the deps that moved since the branch's previous run", () => {
    expect(
      layeredDag(
        new Map([
          ['c', ['a', 'b']],
          ['b', ['a']],
          ['a', []],
        ]),
      ),
    ).toEqual([
      { name: 'c', needs: ['a', 'b'], layer: 2 },
      { name: 'b', needs: ['a'], layer: 1 },
      { name: 'a', needs: [], layer: 0 },
    ]);
    const run = (id: string, branch: string, deps: RunRecord['deps']) =>
      ({ id, git: { branch }, deps, predictions: null }) as unknown as RunRecord;
    const runs = [
      run('1', 'main', { 'data.csv': { hash: 'x', bytes: 1 } }),
      run('2', 'pr', {}),
      run('3', 'main', { 'data.csv': { hash: 'y', bytes: 2 }, 'new.csv': { hash: 'z', bytes: 3 } }),
    ];
    const previous = previousOnBranch(runs.map((r) => ({ id: r.id, branch: r.git.branch })));
    expect([...previous]).toEqual([['3', '1']]);
    expect(runDetail(runs[2]!, runs[0]!, [], false).movedDeps).toEqual([
      { path: 'data.csv', before: { hash: 'x', bytes: 1 }, after: { hash: 'y', bytes: 2 } },
      { path: 'new.csv', before: null, after: { hash: 'z', bytes: 3 } },
    ]);
  });
});

describe('fillPage', () => {
  it('inlines the newest page of rows, and no record can close the script', () => {
    const row = (n: number): RunRow => ({
      id: `r${n}`,
      commit: null,
      branch: 'main',
      event: 'local',
      status: 'success',
      createdAt: `2026-01-01T00:${String(n % 60).padStart(2, '0')}:${String(Math.floor(n / 60)).padStart(2, '0')}Z`,
      durationMs: 1,
      dirty: false,
      champion: null,
      params: { note: '</script><script>alert(1)</script>' },
      metrics: {},
    });
    const first = firstPage(runsIndex(Array.from({ length: 70 }, (_, n) => row(n))));
    expect(first.total).toBe(70);
    expect(first.index.runs).toHaveLength(50);
    const html = fillPage('<html data-mode="__MODE__"><!--first-page--></html>', 'static', first);
    expect(html).toMatch(
      /^<html data-mode="static"><script type="application\/json" id="first-page">/,
    );
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const json = /id="first-page">(.*)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json)).toEqual(first);
  });
});
