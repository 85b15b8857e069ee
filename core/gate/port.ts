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
import type { ShadowSummary } from '../shadow/summary.js';
import type { BaselineSearch } from './baseline.js';

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
  /**
   * How the run was found, when the report should say (e.g. its artifact had expired and
   * the record came from the history branch); the gate adds it to the notes.
   */
  note?: string;
  /** Live traffic on the candidate (`cd4ml-shadow.json` in its run artifact), when recorded. */
  shadow?: ShadowSummary;
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

/**
 * A run a source knows at a commit, before it is read: what the platform says about it.
 * The baseline rule (`./baseline.ts`) checks these first, then the record itself.
 */
export interface CandidateRun {
  /** How notes name it: `workflow run 123 (attempt 2)`, `store:<commit>/<id>`. */
  label: string;
  /** The commit it ran on, by the platform's word. */
  commit: string;
  /** The branch it ran for (GitHub's `head_branch`; the record's branch locally). */
  branch: string | null;
  /** What started it (`push`, `pull_request`, `local`, …). */
  event: string;
  /** It completed successfully, by the platform's word. */
  succeeded: boolean;
  /** Its code came from this repository (not a fork). */
  sameRepository: boolean;
  /** ISO time it was created; candidates come newest first. */
  createdAt: string;
  /** A link for the report, when there is one. */
  url?: string;
}

/** A candidate read: the run, or why there is none to read (an expired artifact, …). */
export type RunRead = { run: SourcedRun } | { missing: string };

/**
 * Where runs, files at a commit and first-parent lines come from: data access only. The
 * rule that picks a baseline from them is `./baseline.ts`, the same for every source.
 * Local: the store + git (`local-source.ts`). CI: workflow runs, artifacts and the REST
 * API (`github/run-source.ts`, for the actions and the bot).
 */
export interface RunSource {
  /**
   * Which runs may stand for a commit. `github`: push runs of the base branch made by this
   * repository's own code (a fork's workflow could write any numbers). `local`: any run in
   * your own store (you made them all), clean and successful.
   */
  trust: 'github' | 'local';
  /** The runs at `commit`, newest first; a source may narrow them to `branch`. */
  candidateRuns(commit: string, branch: string | null): Promise<CandidateRun[]>;
  /** `commit` and its first-parent ancestors, newest first, at most `depth`; none when unknown. */
  firstParents(commit: string, depth: number): Promise<string[]>;
  /** The best common ancestor of two commits; null when they have none (or it cannot be told). */
  mergeBase(a: string, b: string): Promise<string | null>;
  /** Reads a candidate's record and attachments. */
  readRun(candidate: CandidateRun): Promise<RunRead>;
  /** A file's text at a commit (the policy at the base commit); null when absent. */
  fileAt(commit: string, path: string): Promise<string | null>;
  /**
   * A file's text in the working tree, consulted only when the base commit has no policy
   * (e.g. the PR that adds it) or there is no base commit. Sources that must not trust the
   * head's files (the bot) leave it out. Null when absent.
   */
  workspaceFile?(path: string): Promise<string | null>;
  /**
   * What the source searched, for the report when nothing was found (e.g. which workflow,
   * branch and filters, and how many requests): the bound is the source's.
   */
  searched?(): string;
}

/** What to gate: the head run and what to compare it with. */
export interface GateInput {
  /** The run under review (the PR's run, or the local store's latest). */
  head: SourcedRun;
  /**
   * The base side: the PR's base sha (the base branch's tip), or the commit to compare
   * against; null: no baseline (the report says why through `notes`). With `headCommit`
   * the baseline is looked for at their merge-base; the policy is read there too. Ignored
   * for finding the run when `base` is given, but still where the policy is read from.
   */
  baseCommit: string | null;
  /** The head commit (a PR's `pull_request.head.sha`): the baseline is at merge-base(head, base). */
  headCommit?: string | null;
  /** The branch whose push runs are baselines (the PR's base branch); null: any (local). */
  baseBranch?: string | null;
  /** How to name the base commit in notes, e.g. `main`. Default: `the base commit`. */
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
  /** How the baseline was chosen (which commits, which runs, why others were skipped); null with an explicit base or no base commit. */
  search: BaselineSearch | null;
  /** The head's live traffic (`SourcedRun.shadow`): the report's first section, when present. */
  shadow?: ShadowSummary;
}

/** Output formats of `renderGateReport`: GitHub markdown, terminal text, `cd4ml/compare@1` JSON. */
export type GateReportFormat = 'md' | 'text' | 'json';
