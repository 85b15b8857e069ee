// The one baseline rule, tested once with every edge the adapters used to disagree on
// (issue 16): the CLI, the actions and the bot all call chooseBaseline.
import { describe, expect, it } from 'vitest';
import { baseRun } from '../compare/__fixtures__/records.js';
import type { RunRecord } from '../run-record/schema.js';
import { BASELINE_DEPTH, chooseBaseline } from './baseline.js';
import { baselineNotes } from './baseline-notes.js';
import { memoryRun, memorySource, type MemoryCandidate } from './testing.js';

/** main: m0 … m5; the PR branched from m2 (its head is `pr`), main moved on to m5. */
const LINE = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'];
const FORKS = { pr: 'm2' };

function run(commit: string, id: string, change: Partial<RunRecord> = {}, git: object = {}) {
  const record = baseRun();
  return memoryRun({
    ...record,
    id,
    event: 'push',
    ...change,
    git: { ...record.git, commit, branch: 'main', dirty: false, ...git },
  });
}
const candidate = (c: MemoryCandidate): MemoryCandidate => c;

async function choose(
  runs: Record<string, Array<ReturnType<typeof run> | MemoryCandidate>>,
  query: { head?: string | null; base?: string; depth?: number; exclude?: string } = {},
) {
  const source = memorySource({ line: LINE, forks: FORKS, runs, trust: 'github' });
  const found = await chooseBaseline(source, {
    base: query.base ?? 'm5',
    head: query.head === undefined ? 'pr' : query.head,
    branch: 'main',
    ...(query.exclude ? { excludeRunId: query.exclude } : {}),
    ...(query.depth ? { depth: query.depth } : {}),
  });
  return { ...found, source };
}

describe('chooseBaseline', () => {
  it('starts at the merge-base of head and base, not at the base branch tip', async () => {
    const { base, search } = await choose({
      m2: [run('m2', 'at-merge-base')],
      m5: [run('m5', 'tip')],
    });
    expect(base?.run.record.id).toBe('at-merge-base');
    expect(search).toMatchObject({
      head: 'pr',
      base: 'm5',
      start: 'm2',
      used: { commit: 'm2', distance: 0 },
    });
    expect(baselineNotes(search, 'main')[0]).toBe(
      'The base commit is m2, the merge-base of the head pr and main m5.',
    );
  });

  it('without a head (a push, a named commit) starts at the base itself', async () => {
    const { base } = await choose({ m5: [run('m5', 'tip')] }, { head: null });
    expect(base?.commit).toBe('m5');
  });

  it('takes the newest usable run of a commit: re-runs and several runs for one sha', async () => {
    const { base } = await choose({
      m2: [
        run('m2', 'older'),
        run('m2', 'newer'),
        candidate({ run: run('m2', 'newest-failed'), succeeded: false }),
      ],
    });
    expect(base?.run.record.id).toBe('newer');
  });

  it.each<[string, MemoryCandidate, string]>([
    [
      'a fork',
      { run: run('m2', 'x'), sameRepository: false },
      "a fork's run (its workflow could write any numbers)",
    ],
    [
      'a pull_request run',
      { run: run('m2', 'x'), event: 'pull_request' },
      'a `pull_request` run, not a push',
    ],
    [
      'another branch',
      { run: run('m2', 'x'), branch: 'release' },
      'a run of `release`, not `main`',
    ],
    ['a failed run', { run: run('m2', 'x'), succeeded: false }, 'it did not succeed'],
    [
      'an expired artifact',
      { missing: 'its `cd4ml-run` artifact has expired' },
      'its `cd4ml-run` artifact has expired',
    ],
    [
      'a dirty record',
      { run: run('m2', 'x', {}, { dirty: true }) },
      'its record was made from a modified working tree',
    ],
    ['a record made at another commit', { run: run('m9', 'x') }, 'its record says it ran at m9'],
    [
      'a record of another event',
      { run: run('m2', 'x', { event: 'workflow_dispatch' }), event: 'push' },
      'its record says `workflow_dispatch`, not a push',
    ],
    [
      'a failed stage',
      { run: run('m2', 'x', { status: 'failed' }), succeeded: true },
      'a stage failed in it',
    ],
  ])(
    'skips %s at the merge-base, says why, and walks on to the nearest earlier run',
    async (_, bad, reason) => {
      const { base, search } = await choose({
        m1: [run('m1', 'earlier')],
        m2: [{ label: 'workflow run 7', ...bad }],
      });
      expect(base?.run.record.id).toBe('earlier');
      expect(search.used).toMatchObject({ commit: 'm1', distance: 1 });
      expect(search.skipped).toEqual([{ label: 'workflow run 7', commit: 'm2', reason }]);
      const notes = baselineNotes(search, 'main');
      expect(notes).toContain(`Skipped workflow run 7 at m2 as a baseline: ${reason}.`);
      expect(notes).toContain(
        'No run for the merge-base with main (m2); compared with the nearest earlier run, at m1 (run earlier, 1 first parent back).',
      );
    },
  );

  it('never takes the head run itself, and does not count it as skipped', async () => {
    const { base, search } = await choose(
      { m1: [run('m1', 'earlier')], m2: [run('m2', 'self')] },
      { exclude: 'self' },
    );
    expect(base?.run.record.id).toBe('earlier');
    expect(search.skipped).toEqual([]);
  });

  it(`walks at most ${BASELINE_DEPTH} first parents (the depth), then says what it searched`, async () => {
    const { base, search } = await choose({ m0: [run('m0', 'too-far')] }, { depth: 2 });
    expect(base).toBeNull();
    expect(search).toMatchObject({ walked: 2, depth: 2 });
    expect(baselineNotes(search, 'main').at(-1)).toBe(
      'No successful run for the merge-base with main (m2) or within 1 first parents before it: run the pipeline there to get a baseline.',
    );
  });

  it('a head with no merge-base (unrelated history) has no baseline and says so', async () => {
    const { base, search } = await choose({ m2: [run('m2', 'x')] }, { head: 'orphan1' });
    expect(base).toBeNull();
    expect(search.start).toBeNull();
    expect(baselineNotes(search, 'main')).toEqual([
      'The head orphan1 and main m5 have no merge-base: no baseline.',
    ]);
  });

  it('locally (your own store) any event and branch count, but dirty and failed runs still do not', async () => {
    const source = memorySource({
      line: LINE,
      runs: {
        m2: [
          run('m2', 'laptop', { event: 'local' }, { branch: 'feature' }),
          run('m2', 'dirty', { event: 'local' }, { dirty: true }),
        ],
      },
    });
    const { base, search } = await chooseBaseline(source, { base: 'm2' });
    expect(base?.run.record.id).toBe('laptop');
    expect(search.skipped.map((s) => s.reason)).toEqual([
      'its record was made from a modified working tree',
    ]);
  });
});
