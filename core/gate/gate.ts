import { compare } from '../compare/compare.js';
import { Cd4mlError } from '../errors.js';
import { evaluatePolicy } from '../policy/evaluate.js';
import { POLICY_PATH, parsePolicy } from '../policy/parse.js';
import { defaultPolicy, type Policy } from '../policy/schema.js';
import {
  renderJson,
  renderReport,
  renderText,
  type ReportLinks,
  type TextStyle,
} from '../report/index.js';
import type { RunRecord } from '../run-record/schema.js';
import { RUN_RECORD_SCHEMA } from '../run-record/version.js';
import type { HistoryEntry } from '../run-artifact/history.js';
import type { ShadowSummary } from '../shadow/summary.js';
import { pairedSignificance, type Significance } from '../stats/predictions.js';
import { PREDICTION_LIMITS, parsePredictions } from '../stats/prediction-file.js';
import { compareSlices, type SliceComparison } from '../stats/slices.js';
import { baselineNotes } from './baseline-notes.js';
import { chooseBaseline, walkedHistory, type BaselineSearch } from './baseline.js';
import type {
  Baseline,
  GateInput,
  GateReportFormat,
  GateResult,
  RunSource,
  SourcedRun,
} from './port.js';

/**
 * Compares the head with its baseline under the policy and decides the gate:
 * 1. the baseline: `input.base` when given, else `source.baselineAt(input.baseCommit)` (the
 *    commit's newest clean successful run, or its nearest first-parent ancestor's);
 * 2. the policy: `input.policy`, else `.github/cd4ml.yml` at the base commit, else the
 *    workspace's (when the source offers one), else the default (report only);
 * 3. the trend: the base run's carried history, else `source.history`;
 * 4. significance from both runs' per-example predictions, read through `readAttachment`
 *    with the predictions size cap.
 * A missing baseline or a failed gate is part of the result; `Cd4mlError` is thrown only
 * for things that went wrong (an invalid policy).
 */
export async function runGate(source: RunSource, input: GateInput): Promise<GateResult> {
  const notes = [...(input.notes ?? [])];
  const { base, search } = await findBaseline(source, input, notes);
  if (base?.run.note) notes.push(base.run.note);
  const policyCommit = search?.start ?? input.baseCommit ?? base?.commit ?? null;
  const policy = await loadPolicy(source, input, policyCommit, notes);
  const history = base
    ? await baseHistory(source, base, input.baseBranch ?? null, policy.report.history, notes)
    : [];
  const { significance, slices } = base
    ? await significanceOf(base.run, input.head, policy, notes)
    : { significance: null, slices: null };
  const comparison = compare(base?.run.record ?? null, input.head.record, policy, {
    history: history.map(historyRecord),
    significance,
    slices,
    notes,
    unverified: input.unverified ?? null,
  });
  const decision = evaluatePolicy(comparison, policy);
  const shadow = input.head.shadow;
  return { comparison, decision, policy, base, search, ...(shadow ? { shadow } : {}) };
}

/** Options of `renderGateReport`. */
export interface GateReportOptions {
  /** Links the adapter knows (the workflow run, its artifacts); markdown only. */
  links?: ReportLinks;
  /** Colours for `text` (the CLI passes picocolors'); plain by default. */
  style?: TextStyle;
  /** Live traffic to show (the compare action's `shadow-summary`); default: the head run's. */
  shadow?: ShadowSummary;
}

/**
 * The report for a gate result, the same bytes wherever it is rendered (the CLI, the
 * compare action, the bot) for the same runs, policy and links. Markdown takes the chart
 * metrics and row cap from the policy's `report:` settings.
 */
export function renderGateReport(
  result: GateResult,
  format: GateReportFormat,
  options: GateReportOptions = {},
): string {
  const { comparison, decision, policy } = result;
  if (format === 'json') return renderJson(comparison, decision);
  if (format === 'md') {
    // The baseline search has its own section in markdown: not repeated among the notes.
    const said = new Set(result.search?.notes ?? []);
    const notes = comparison.notes.filter((note) => !said.has(note));
    return renderReport({ ...comparison, notes }, decision, options.links ?? {}, {
      chart: policy.report.chart,
      maxRows: policy.report.max_rows,
      baseline: result.search,
      ...shadowOf(options.shadow ?? result.shadow),
    });
  }
  return renderText(comparison, decision, options.style, { maxRows: policy.report.max_rows });
}

function shadowOf(shadow: ShadowSummary | undefined): { shadow?: ShadowSummary } {
  return shadow ? { shadow } : {};
}

async function findBaseline(
  source: RunSource,
  input: GateInput,
  notes: string[],
): Promise<{ base: Baseline | null; search: BaselineSearch | null }> {
  if (input.base) {
    const commit = input.base.record.git.commit ?? input.baseCommit;
    return { base: { run: input.base, commit }, search: null };
  }
  if (!input.baseCommit) return { base: null, search: null };
  const { base, search } = await chooseBaseline(source, {
    base: input.baseCommit,
    head: input.headCommit ?? null,
    branch: input.baseBranch ?? null,
    excludeRunId: input.head.record.id,
  });
  const said = baselineNotes(search, input.baseLabel ?? 'the base commit');
  notes.push(...said);
  return { base, search: { ...search, notes: said } };
}

/** The policy: explicit, else the base commit's file, else the workspace's, else the default. */
async function loadPolicy(
  source: RunSource,
  input: GateInput,
  commit: string | null,
  notes: string[],
): Promise<Policy> {
  if (input.policy) return parsePolicy(input.policy.text, input.policy.file);
  if (commit) {
    const text = await source.fileAt(commit, POLICY_PATH);
    if (text !== null) return parsePolicy(text, `${commit.slice(0, 7)}:${POLICY_PATH}`);
  }
  const workspace = source.workspaceFile ? await source.workspaceFile(POLICY_PATH) : null;
  if (workspace !== null) {
    if (commit) notes.push(`The base commit has no ${POLICY_PATH}; the workspace's was used.`);
    return parsePolicy(workspace, POLICY_PATH);
  }
  notes.push(
    commit
      ? `The base commit has no ${POLICY_PATH}: no gate rules, report only.`
      : `No ${POLICY_PATH}: no gate rules, report only.`,
  );
  return defaultPolicy();
}

async function baseHistory(
  source: RunSource,
  base: Baseline,
  branch: string | null,
  limit: number,
  notes: string[],
): Promise<readonly HistoryEntry[]> {
  if (limit === 0) return [];
  if (base.run.carriedHistory) return base.run.carriedHistory.slice(-limit);
  // Locally the store is at hand; over REST every run would cost a download.
  if (source.trust === 'local') return walkedHistory(source, base, branch, limit);
  notes.push('The base run carried no history (`cd4ml-history.json`): no trend shown.');
  return [];
}

/**
 * A history entry as the record `compare` reads for the trend: it looks at the id, the
 * commit, the time and the metric values only, and a virtual metric the entry carries
 * (`model.bytes`) is found among `metrics` like a reported one.
 */
function historyRecord(entry: HistoryEntry): RunRecord {
  return {
    schema: RUN_RECORD_SCHEMA,
    id: entry.id,
    createdAt: entry.createdAt,
    status: entry.status,
    pipeline: { file: '' },
    git: { commit: entry.commit, branch: entry.branch, dirty: false },
    event: 'push',
    timings: { startedAt: entry.createdAt, finishedAt: entry.createdAt, durationMs: 0 },
    stages: {},
    params: entry.params ?? {},
    overrides: {},
    metrics: entry.metrics,
    candidates: {},
    champion: null,
    model: null,
    predictions: null,
    deps: {},
    stats: {},
    env: { os: '', arch: '', node: '', python: null, lockfiles: {} },
  };
}

/** The paired tests on both runs' predictions: overall, and per slice when the head declares slices. */
async function significanceOf(
  base: SourcedRun,
  head: SourcedRun,
  policy: Policy,
  notes: string[],
): Promise<{ significance: Significance | null; slices: SliceComparison | null }> {
  const none = { significance: null, slices: null };
  const basePredictions = base.record.predictions;
  const headPredictions = head.record.predictions;
  if (!basePredictions || !headPredictions) {
    if (policy.gate.rules.some((rule) => rule.significant)) {
      notes.push(
        `No significance test: ${!basePredictions ? 'the base' : 'the head'} run saved no per-example predictions (\`predictions\` in the run record).`,
      );
    }
    return none;
  }
  let b: { text: string; where: string };
  let h: { text: string; where: string };
  try {
    [b, h] = await Promise.all([
      predictionsOf(base, basePredictions.file, 'base'),
      predictionsOf(head, headPredictions.file, 'head'),
    ]);
    const significance = pairedSignificance(
      parsePredictions(b.text, b.where),
      parsePredictions(h.text, h.where),
      policy.gate.significance,
    );
    return { significance, slices: slicesOf(b, h, headPredictions.slices ?? [], policy, notes) };
  } catch (error) {
    notes.push(`No significance test: ${firstLine(error)}.`);
    return none;
  }
}

/** Per-slice tests; a slice column missing from either file is a note, never a crash of the gate. */
function slicesOf(
  b: { text: string; where: string },
  h: { text: string; where: string },
  columns: readonly string[],
  policy: Policy,
  notes: string[],
): SliceComparison | null {
  if (columns.length === 0) return null;
  try {
    return compareSlices(
      parsePredictions(b.text, b.where, columns),
      parsePredictions(h.text, h.where, columns),
      {
        columns,
        minRows: policy.gate.slices.min_rows,
        correction: policy.gate.slices.correction,
        bootstrap: policy.gate.significance,
      },
    );
  } catch (error) {
    const reason = firstLine(error);
    notes.push(`No per-slice comparison: ${reason}.`);
    return { kind: 'skipped', reason };
  }
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

async function predictionsOf(
  run: SourcedRun,
  file: string,
  side: 'base' | 'head',
): Promise<{ text: string; where: string }> {
  const text = await run.readAttachment(file, PREDICTION_LIMITS.bytes);
  if (text === null) {
    throw new Cd4mlError('E_ARTIFACT', `the ${side} run's predictions file ${file} is missing`, {
      location: { file: run.source, field: 'predictions.file' },
    });
  }
  return { text, where: `${run.source}:${file}` };
}
