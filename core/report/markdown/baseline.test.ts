import { describe, expect, it } from 'vitest';
import type { BaselineSearch } from '../../gate/baseline.js';
import { baselineSection } from './baseline.js';

const search = (over: Partial<BaselineSearch> = {}): BaselineSearch => ({
  head: 'a'.repeat(40),
  base: 'b'.repeat(40),
  start: 'c'.repeat(40),
  branch: 'main',
  walked: 2,
  depth: 50,
  used: {
    label: 'workflow run 9',
    commit: 'd'.repeat(40),
    distance: 1,
    url: 'https://github.com/o/r/actions/runs/9',
  },
  skipped: [
    {
      label: 'workflow run 8',
      commit: 'c'.repeat(40),
      reason: 'its record was made from a modified working tree',
    },
  ],
  searched: 'successful push runs of workflow `ml.yml`',
  ...over,
});
const input = (baseline: BaselineSearch | null) =>
  ({ baseline, maxRows: 40 }) as unknown as Parameters<typeof baselineSection>[0];

describe('the baseline section', () => {
  it('names the merge-base and both shas, the run used and every run skipped with why', () => {
    const md = baselineSection(input(search()), 10_000)!;
    expect(md).toContain(
      '<summary><b>Baseline</b>: workflow run 9 at <code>ddddddd</code>, 1 skipped</summary>',
    );
    expect(md).toContain(
      'Base commit <code>ccccccc</code>: the merge-base of the head <code>aaaaaaa</code> and `main` <code>bbbbbbb</code>.',
    );
    expect(md).toContain(
      'Used [workflow run 9](https://github.com/o/r/actions/runs/9), at <code>ddddddd</code>, 1 first parent before the base commit',
    );
    expect(md).toContain(
      '| workflow run 8 | <code>ccccccc</code> | its record was made from a modified working tree |',
    );
    expect(md).toContain('Searched: successful push runs of workflow \\`ml.yml\\`.');
  });

  it('opens when none was found and says how far it looked; absent without a search', () => {
    const md = baselineSection(input(search({ used: null, skipped: [] })), 10_000)!;
    expect(md).toMatch(/^<details open><summary><b>Baseline<\/b>: none found/);
    expect(md).toContain(
      'No usable run at the base commit or within 49 first parents before it (2 commits looked at)',
    );
    expect(baselineSection(input(null), 10_000)).toBeNull();
  });

  it('keeps a long skipped list within its budget', () => {
    const skipped = Array.from({ length: 500 }, (_, i) => ({
      label: `workflow run ${i}`,
      commit: 'e'.repeat(40),
      reason: 'it did not succeed',
    }));
    const md = baselineSection(input(search({ skipped })), 4_000)!;
    expect(md.length).toBeLessThan(4_000);
    expect(md).toMatch(/more rows not shown/);
  });
});
