/**
 * The gate's port: what `runGate` needs from the world, and what it gives back. One
 * implementation per place runs live — the local store + git (`local-source.ts`, the CLI),
 * workflow artifacts + the REST API (the compare action, the bot) — so every adapter gets
 * the same comparison, verdict and report for the same runs.
 */
import type { Comparison } from '../compare/types.js';
import type { GateDecision } from '../policy/evaluate.js';
import type { Policy } from '../policy/schema.js';
import type { RunRecord } from '../run-record/schema.js';
import type { HistoryEntry } from '../run-artifact/history.js';

export type { HistoryEntry } from '../run-artifact/history.js';

/** A run as a source hands it over: its record, where it came from, and its attachments. */
export interface SourcedRun {
  /** The parsed, validated run record (`cd4ml-run.json`). */
  record: RunRecord;
  /**
   * Where it came from, for notes and errors: a file path, `store:<commit>/<id>`,
   * `workflow run 123 (artifact cd4ml-run)`.
   */
  source: string;
  /**
   * Reads a file the record points to (e.g. `record.predictions.file`: relative to the
   * record's directory, which in a run artifact is the repository root). Refuses paths that
   * leave the run (throws `Cd4mlError` `E_ARTIFACT`) and files over `maxBytes` (throws
   * `E_ARTIFACT` naming the file); resolves null when the file is absent.
   */
  readAttachment(path: string, maxBytes: number): Promise<string | null>;
  /**
   * The base branch's recent runs carried in the run artifact (`cd4ml-history.json`),
   * oldest first, usually ending with this run; absent when the run came without one.
   */
  carriedHistory?: readonly HistoryEntry[];
}

/** A baseline: the run that stands for a commit, and the commit it actually ran on. */
export interface Baseline {
  /** The base run. */
  run: SourcedRun;
  /**
   * The commit of `run`: the asked-for commit, or the first-parent ancestor it was found at.
   * `baselineAt` always sets it; null only for an explicit base run made outside git.
   */
  commit: string | null;
}

/** Where runs, files at a commit and history come from. Local: store + git. CI: artifacts + REST. */
export interface RunSource {
  /**
   * The baseline for `commit`: its newest clean successful run, else the nearest
   * first-parent ancestor's; null when none. Sources with trust rules (REST) only
   * consider `push` runs whose head repository is this repository.
   * `options.excludeRunId` is the head run's id, never its own baseline.
   */
  baselineAt(commit: string, options?: { excludeRunId?: string }): Promise<Baseline | null>;
  /** A file's text at a commit (the policy at the base commit); null when absent. */
  fileAt(commit: string, path: string): Promise<string | null>;
  /**
   * A file's text in the working tree, consulted only when the base commit has no policy
   * (e.g. the PR that adds it) or there is no base commit. Sources that must not trust the
   * head's files (the bot) leave it out. Null when absent.
   */
  workspaceFile?(path: string): Promise<string | null>;
  /**
   * Up to `limit` baseline runs along the base's first-parent line, oldest first, ending
   * with the base run when it is one of them. `runGate` calls it only when the base run
   * carries no history of its own and `base.commit` is set.
   */
  history(base: Baseline, limit: number): Promise<HistoryEntry[]>;
}

/** What to gate: the head run and what to compare it with. */
export interface GateInput {
  /** The run under review (the PR's run, or the local store's latest). */
  head: SourcedRun;
  /**
   * The commit to compare against (the merge-base, the PR's base sha); null: no baseline
   * (the report says why through `notes`). Ignored for finding the run when `base` is
   * given, but still where the policy is read from.
   */
  baseCommit: string | null;
  /** How to name `baseCommit` in notes, e.g. `the merge-base with main`. Default: `the base commit`. */
  baseLabel?: string;
  /** An explicit policy (`cd4ml compare --policy`): overrides the base commit's file. */
  policy?: { text: string; file: string };
  /** An explicit base run (`cd4ml compare --base run.json|dir|zip`). */
  base?: SourcedRun;
  /** Notes the caller already has (e.g. `Not a git repository`), shown first. */
  notes?: readonly string[];
  /** Why the head's metrics are unverified (a fork PR without trusted evaluation), else absent. */
  unverified?: string | null;
}

/** The gate's outcome. A failed gate is a result (`decision.conclusion === 'failure'`), not an exception. */
export interface GateResult {
  /** Head vs base: metric, param, stage, model, data diffs, significance, history, notes. */
  comparison: Comparison;
  /** The verdict and the reasons for it. */
  decision: GateDecision;
  /** The policy applied (also holds the report settings: chart, max rows, history length). */
  policy: Policy;
  /** The baseline used, null when there was none. */
  base: Baseline | null;
}

/** Output formats of `renderGateReport`: GitHub markdown, terminal text, `cd4ml/compare@1` JSON. */
export type GateReportFormat = 'md' | 'text' | 'json';

/**
 * Compares the head with its baseline under the policy and decides the gate. Throws
 * `Cd4mlError` only for things that went wrong (an invalid policy, an unreadable run);
 * a missing baseline or a failed gate is part of the result. Implemented in `./gate.ts`.
 */
export type RunGate = (source: RunSource, input: GateInput) => Promise<GateResult>;
