import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseRun, headRun, historyRuns } from '../compare/__fixtures__/records.js';
import type { RunRecord } from '../run-record/schema.js';
import { toHistoryEntry } from '../run-artifact/history.js';
import { renderGateReport, runGate } from './gate.js';
import { memoryRun, memorySource } from './testing.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../compare/__fixtures__/${name}`, import.meta.url), 'utf8');
const BASE_PREDICTIONS = fixture('base-predictions.csv');
const HEAD_PREDICTIONS = fixture('head-predictions.csv');

const STRICT = `gate:
  rules:
    - { metric: accuracy, min: 0.99 }
  missing_baseline: neutral
report: { history: 3 }
`;
const LENIENT = 'gate:\n  rules:\n    - { metric: accuracy, min: 0.5 }\n';
const SIGNIFICANT =
  'gate:\n  rules:\n    - { metric: accuracy, max_decrease: 0.005, significant: true }\n';
const POLICY = '.github/cd4ml.yml';

function at(record: RunRecord, commit: string, id = record.id): RunRecord {
  return { ...record, id, git: { ...record.git, commit, dirty: false } };
}

/** c0 … c5 on main; a fixture base run at `c2`, older history runs at c0 and c1. */
const LINE = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];
function withRuns() {
  const [h0, h1] = historyRuns().slice(-2);
  return {
    c0: [memoryRun(at(h0!, 'c0'))],
    c1: [memoryRun(at(h1!, 'c1'))],
    c2: [memoryRun(at(baseRun(), 'c2'), { [baseRun().predictions!.file]: BASE_PREDICTIONS })],
  };
}
const head = () =>
  memoryRun(at(headRun(), 'pr1'), { [headRun().predictions!.file]: HEAD_PREDICTIONS });

describe('runGate', () => {
  it('first PR: no run anywhere on the line is no baseline, a neutral gate and a note', async () => {
    const source = memorySource({ line: LINE, files: { c3: { [POLICY]: SIGNIFICANT } } });
    const result = await runGate(source, {
      head: head(),
      baseCommit: 'c3',
      baseLabel: 'the merge-base with main',
    });
    expect(result.base).toBeNull();
    expect(result.decision.conclusion).toBe('neutral');
    expect(result.comparison.notes).toContain(
      'No successful run for the merge-base with main (c3) or within 49 first parents before it: run the pipeline there to get a baseline.',
    );
    expect(result.search).toMatchObject({ start: 'c3', walked: 4, used: null });
  });

  it("without a base commit, passes the caller's notes through and reads no commit", async () => {
    const source = memorySource({ line: LINE, workspace: {} });
    const result = await runGate(source, {
      head: head(),
      baseCommit: null,
      notes: ['Not a git repository: no baseline to compare with.'],
    });
    expect(result.comparison.notes.slice(0, 2)).toEqual([
      'Not a git repository: no baseline to compare with.',
      `No ${POLICY}: no gate rules, report only.`,
    ]);
    expect(source.calls).toEqual([`workspaceFile ${POLICY}`]);
  });

  it.each([
    ['the commit itself', 'c2', 'c2', false],
    ['the nearest first-parent ancestor', 'c5', 'c2', true],
  ])('finds the baseline at %s', async (_, baseCommit, found, noted) => {
    const source = memorySource({ line: LINE, runs: withRuns() });
    const result = await runGate(source, { head: head(), baseCommit });
    expect(result.base?.commit).toBe(found);
    expect(result.comparison.base?.id).toBe(baseRun().id);
    expect(
      result.comparison.notes.some((n) =>
        n.includes(`compared with the nearest earlier run, at ${found}`),
      ),
    ).toBe(noted);
  });

  it('never takes the head run as its own baseline', async () => {
    const self = memoryRun(at(headRun(), 'c5'));
    const source = memorySource({ line: LINE, runs: { ...withRuns(), c5: [self] } });
    const result = await runGate(source, { head: self, baseCommit: 'c5' });
    expect(result.base?.commit).toBe('c2');
  });

  it('prefers the newest clean successful run of a commit', async () => {
    const clean = memoryRun(at(baseRun(), 'c2', 'clean'));
    const dirtyRecord = at(baseRun(), 'c2', 'dirty');
    const dirty = memoryRun({ ...dirtyRecord, git: { ...dirtyRecord.git, dirty: true } });
    const failed = memoryRun({ ...at(baseRun(), 'c2', 'failed'), status: 'failed' });
    const source = memorySource({ line: LINE, runs: { c2: [clean, dirty, failed] } });
    const result = await runGate(source, { head: head(), baseCommit: 'c2' });
    expect(result.base?.run.record.id).toBe('clean');
  });

  interface PolicyCase {
    name: string;
    files: Record<string, Record<string, string>>;
    workspace: Record<string, string> | undefined;
    conclusion: string;
    note: string | null;
  }

  describe('policy', () => {
    it.each<PolicyCase>([
      {
        name: 'the base commit wins over the workspace (a PR cannot loosen its own gate)',
        files: { c5: { [POLICY]: STRICT } },
        workspace: { [POLICY]: LENIENT },
        conclusion: 'failure',
        note: null,
      },
      {
        name: 'the workspace, when the base commit has none',
        files: {},
        workspace: { [POLICY]: STRICT },
        conclusion: 'failure',
        note: `The base commit has no ${POLICY}; the workspace's was used.`,
      },
      {
        name: 'the default, when neither has one',
        files: {},
        workspace: {},
        conclusion: 'success',
        note: `The base commit has no ${POLICY}: no gate rules, report only.`,
      },
      {
        name: 'the default, for a source that offers no workspace (the bot)',
        files: {},
        workspace: undefined,
        conclusion: 'success',
        note: `The base commit has no ${POLICY}: no gate rules, report only.`,
      },
    ])('$name', async ({ files, workspace, conclusion, note }) => {
      const source = memorySource({ line: LINE, runs: withRuns(), files, workspace });
      const result = await runGate(source, { head: head(), baseCommit: 'c5' });
      expect(result.decision.conclusion).toBe(conclusion);
      if (note) expect(result.comparison.notes).toContain(note);
      else expect(result.comparison.notes.join(' ')).not.toContain(POLICY);
    });

    it('is read at the base commit, not where the nearest run was found', async () => {
      const source = memorySource({
        line: LINE,
        runs: withRuns(),
        files: { c2: { [POLICY]: LENIENT }, c5: { [POLICY]: STRICT } },
      });
      const result = await runGate(source, { head: head(), baseCommit: 'c5' });
      expect(result.policy.gate.rules[0]?.min).toEqual(0.99);
      expect(source.calls).toContain(`fileAt c5 ${POLICY}`);
    });

    it('an explicit policy overrides the base commit, and its errors name its file', async () => {
      const source = memorySource({
        line: LINE,
        runs: withRuns(),
        files: { c5: { [POLICY]: STRICT } },
      });
      const lenient = await runGate(source, {
        head: head(),
        baseCommit: 'c5',
        policy: { text: LENIENT, file: 'mine.yml' },
      });
      expect(lenient.decision.conclusion).toBe('success');
      await expect(
        runGate(source, {
          head: head(),
          baseCommit: 'c5',
          policy: {
            text: 'gate:\n  rules:\n    - { metric: accuracy, mni: 1 }\n',
            file: 'mine.yml',
          },
        }),
      ).rejects.toMatchObject({ code: 'E_POLICY', message: expect.stringContaining('mine.yml:3') });
    });
  });

  describe('history', () => {
    it("walks the base line through the source, up to the policy's report.history", async () => {
      const source = memorySource({
        line: LINE,
        runs: withRuns(),
        files: { c5: { [POLICY]: STRICT } },
      });
      const result = await runGate(source, { head: head(), baseCommit: 'c5' });
      expect(source.calls).toContain('firstParents c2');
      expect(result.comparison.history.map((h) => h.commit)).toEqual(['c0', 'c1', 'c2']);
    });

    it('uses the history the base run carries instead of asking the source', async () => {
      const carried = historyRuns().map((run, i) => toHistoryEntry(at(run, `old${i}`)));
      const base = memoryRun(at(baseRun(), 'c2'), {}, { carriedHistory: carried });
      const source = memorySource({ line: LINE, runs: { c2: [base] } });
      const result = await runGate(source, { head: head(), baseCommit: 'c2' });
      expect(source.calls.some((c) => c.startsWith('history'))).toBe(false);
      // The policy's default history length is 20: all nine carried runs, then the base run.
      expect(result.comparison.history).toHaveLength(carried.length + 1);
      const accuracy = result.comparison.metrics.find((m) => m.name === 'accuracy')!;
      expect(accuracy.history.slice(0, carried.length)).toEqual(
        historyRuns().map((run) => run.metrics.accuracy),
      );
      // Virtual metrics travel in history entries too.
      const bytes = result.comparison.metrics.find((m) => m.name === 'model.bytes')!;
      expect(bytes.history[0]).toBe(historyRuns()[0]!.model!.bytes);
    });
  });

  describe('significance', () => {
    it("pairs both runs' predictions", async () => {
      const source = memorySource({
        line: LINE,
        runs: withRuns(),
        files: { c2: { [POLICY]: SIGNIFICANT } },
      });
      const result = await runGate(source, { head: head(), baseCommit: 'c2' });
      expect(result.comparison.significance).toMatchObject({
        kind: 'classification',
        paired: 1000,
      });
    });

    it.each([
      ['a missing predictions file', {}, "the head run's predictions file"],
      ['a path that leaves the run', { '../x.csv': HEAD_PREDICTIONS }, 'leaves the run'],
    ])('notes %s instead of failing', async (_, attachments, note) => {
      const record = at(headRun(), 'pr1');
      const hostile =
        note === 'leaves the run'
          ? { ...record, predictions: { ...record.predictions!, file: '../x.csv' } }
          : record;
      const source = memorySource({
        line: LINE,
        runs: withRuns(),
        files: { c2: { [POLICY]: SIGNIFICANT } },
      });
      const result = await runGate(source, {
        head: memoryRun(hostile, attachments),
        baseCommit: 'c2',
      });
      expect(result.comparison.significance).toBeNull();
      expect(result.comparison.notes.join(' ')).toContain(note);
    });

    describe('per slice', () => {
      const SLICED =
        'gate:\n  rules:\n    - { metric: accuracy, slices: [region], max_decrease: 0.05, significant: true }\n';
      const REGIONS = ['north', 'south', 'east', 'west'];
      /** The fixture's predictions with a `region` column; `breakWest` flips half of west's. */
      const sliced = (csv: string, breakWest: boolean): string =>
        csv
          .trimEnd()
          .split('\n')
          .map((line, i) => {
            if (i === 0) return `${line},region`;
            const region = REGIONS[i % 4]!;
            const [id, label, prediction, score] = line.split(',');
            const wrong = breakWest && region === 'west' && i % 8 < 4;
            const flipped = wrong ? (label === '1' ? '0' : '1') : prediction;
            return `${id},${label},${flipped},${score},${region}`;
          })
          .join('\n');
      const sourceWith = (column: string) => {
        const base = at(baseRun(), 'c2');
        return memorySource({
          line: LINE,
          runs: {
            c2: [
              memoryRun(base, {
                [base.predictions!.file]: sliced(BASE_PREDICTIONS, false).replace(
                  ',region',
                  `,${column}`,
                ),
              }),
            ],
          },
          files: { c2: { [POLICY]: SLICED } },
        });
      };
      const slicedHead = () => {
        const record = at(headRun(), 'pr1');
        return memoryRun(
          { ...record, predictions: { ...record.predictions!, slices: ['region'] } },
          { [record.predictions!.file]: sliced(HEAD_PREDICTIONS, true) },
        );
      };

      it('tests each slice of both runs and fails the gate on the slice that dropped', async () => {
        const result = await runGate(sourceWith('region'), {
          head: slicedHead(),
          baseCommit: 'c2',
        });
        const slices = result.comparison.slices;
        expect(slices?.kind).toBe('classification');
        if (slices?.kind !== 'classification') return;
        expect(slices.slices.map((s) => s.value).sort()).toEqual([...REGIONS].sort());
        const west = slices.slices.find((s) => s.value === 'west')!;
        const accuracy = west.metrics.find((m) => m.name === 'accuracy')!;
        expect(accuracy.delta).toBeLessThan(-0.05);
        expect(accuracy.adjusted).toBeLessThan(0.05);
        expect(result.decision.conclusion).toBe('failure');
        const reason = result.decision.reasons.find((r) => r.status === 'fail');
        expect(reason?.failing).toEqual(['region=west']);
      });

      it('notes a slice column the base file lacks instead of failing the gate run', async () => {
        const result = await runGate(sourceWith('zone'), {
          head: slicedHead(),
          baseCommit: 'c2',
        });
        expect(result.comparison.slices).toMatchObject({ kind: 'skipped' });
        expect(result.comparison.notes.join(' ')).toMatch(/No per-slice comparison: .*region/);
        expect(result.comparison.significance).toMatchObject({ paired: 1000 });
      });
    });

    it('says which side saved no predictions when a rule wants significance', async () => {
      const source = memorySource({
        line: LINE,
        runs: withRuns(),
        files: { c2: { [POLICY]: SIGNIFICANT } },
      });
      const bare = memoryRun({ ...at(headRun(), 'pr1'), predictions: null });
      const result = await runGate(source, { head: bare, baseCommit: 'c2' });
      expect(result.comparison.notes.join(' ')).toContain(
        'No significance test: the head run saved no per-example predictions',
      );
    });
  });

  it('takes an explicit base run, reading the policy at its commit', async () => {
    const source = memorySource({ line: LINE, files: { c1: { [POLICY]: STRICT } } });
    const base = memoryRun(at(baseRun(), 'c1'));
    const result = await runGate(source, { head: head(), baseCommit: null, base });
    expect(result.base).toMatchObject({ commit: 'c1' });
    expect(result.decision.conclusion).toBe('failure');
    expect(source.calls.some((c) => c.startsWith('baselineAt'))).toBe(false);
  });

  it("carries a fork PR's unverified reason into the comparison", async () => {
    const source = memorySource({ line: LINE, runs: withRuns() });
    const result = await runGate(source, {
      head: head(),
      baseCommit: 'c2',
      unverified: 'the metrics come from a fork',
    });
    expect(result.comparison.unverified).toBe('the metrics come from a fork');
  });
});

describe('renderGateReport', () => {
  it('renders the same markdown for the same runs from different sources, and each format', async () => {
    const files = { c2: { [POLICY]: STRICT } };
    const one = await runGate(memorySource({ line: LINE, runs: withRuns(), files }), {
      head: head(),
      baseCommit: 'c2',
    });
    const two = await runGate(memorySource({ line: LINE, runs: withRuns(), files }), {
      head: head(),
      baseCommit: 'c2',
      base: withRuns().c2[0]!,
    });
    const md = renderGateReport(one, 'md');
    expect(md.startsWith('<!-- cd4ml:report -->\n### ❌ Model gate failed')).toBe(true);
    // The same report, plus the section saying how the rule chose the baseline (an
    // explicit base was not chosen).
    const section =
      /<details><summary><b>Baseline<\/b>: run 2026-11-20T10-12-03Z-7f3a at <code>c2<\/code><\/summary>\n\nBase commit <code>c2<\/code>\.\n\nUsed run 2026-11-20T10-12-03Z-7f3a, at the base commit: the newest trusted, clean, successful run there\.\n\n<\/details>\n\n/;
    expect(md).toMatch(section);
    expect(md).not.toContain('**Notes**');
    expect(renderGateReport(two, 'md')).toBe(md.replace(section, ''));
    expect(JSON.parse(renderGateReport(one, 'json'))).toMatchObject({
      schema: 'cd4ml/compare@1',
      conclusion: 'failure',
    });
    expect(renderGateReport(one, 'text')).toContain('gate failure');
  });
});
