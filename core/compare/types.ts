import type { Direction } from '../policy/schema.js';
import type {
  ModelInfo,
  Scalar,
  StageResult,
  StageStatus,
  TensorInfo,
} from '../run-record/schema.js';
import type { MetricInterval, Significance } from '../stats/predictions.js';
import type { SliceComparison } from '../stats/slices.js';
import type { ProfileDiff } from './profiles.js';

/** Who ran what, where: the facts of one side of a comparison a report links to. */
export interface RunSummary {
  id: string;
  commit: string | null;
  branch: string | null;
  dirty: boolean;
  createdAt: string;
  status: 'success' | 'failed';
  event: string;
  durationMs: number;
  runUrl: string | null;
  repository: string | null;
}

/** How one metric moved. `null` means "absent on that side", never zero. */
export interface MetricDiff {
  name: string;
  base: number | null;
  head: number | null;
  /** `head − base`, when both exist. */
  delta: number | null;
  /** `delta / |base|` in percent, when both exist and the base is not 0. */
  deltaPct: number | null;
  direction: Direction;
  directionSource: 'policy' | 'name';
  /**
   * `better`/`worse`/`same` by direction; `added` only in the head; `removed` only in the base;
   * `no-base` when there is no base run at all; `missing` when a rule names a metric neither run has.
   */
  change: 'better' | 'worse' | 'same' | 'added' | 'removed' | 'no-base' | 'missing';
  /** Derived from the record rather than reported by a stage (`model.bytes`, `stage.train.duration_ms`). */
  virtual: boolean;
  /** Values in the base-branch history runs, oldest first, aligned with `Comparison.history`. */
  history: Array<number | null>;
  /** Paired bootstrap interval, when per-example predictions allow one for this metric. */
  significance: MetricInterval | null;
}

export interface ParamDiff {
  name: string;
  /** `undefined` = absent on that side. */
  base: Scalar | undefined;
  head: Scalar | undefined;
  change: 'changed' | 'added' | 'removed';
}

export interface StageDiff {
  name: string;
  base: { status: StageStatus; durationMs: number; attempts: number } | null;
  head: { status: StageStatus; durationMs: number; attempts: number; reason?: string } | null;
  deltaMs: number | null;
  /** The head's checks on the stage's outs (`checks:`), when it ran them. */
  checks?: NonNullable<StageResult['checks']>;
}

export interface SignatureChange {
  side: 'input' | 'output';
  name: string;
  kind: 'added' | 'removed' | 'type' | 'shape';
  base: TensorInfo | null;
  head: TensorInfo | null;
  /** Clients calling the base model would break against the head model. */
  breaking: boolean;
}

export interface ModelDiff {
  base: ModelInfo | null;
  head: ModelInfo | null;
  /** The ONNX file differs (sha256). */
  changed: boolean;
  signature: SignatureChange[];
  breaking: boolean;
}

export interface LeaderboardRow {
  name: string;
  stage: string;
  value: number | null;
  baseValue: number | null;
  champion: boolean;
  /** Was the base run's champion. */
  baseChampion: boolean;
  metrics: Record<string, number>;
  params: Record<string, Scalar>;
}

export interface Leaderboard {
  metric: string | null;
  direction: Direction;
  rows: LeaderboardRow[];
}

export interface DepDiff {
  path: string;
  change: 'added' | 'removed' | 'changed';
  base: { hash: string; bytes: number } | null;
  head: { hash: string; bytes: number } | null;
}

export interface StatDiff {
  /** Statistics file, e.g. `data/stats.json`. */
  file: string;
  /** Dotted key inside it, e.g. `features.age.missing`. */
  key: string;
  base: number | string | boolean | null | undefined;
  head: number | string | boolean | null | undefined;
  delta: number | null;
  deltaPct: number | null;
}

export interface HistoryPoint {
  id: string;
  commit: string | null;
  createdAt: string;
}

/** Everything a gate and a report need to know about head vs base. Pure data, JSON-serialisable. */
export interface Comparison {
  base: RunSummary | null;
  head: RunSummary;
  /** Sorted: policy rule metrics first (in rule order), then by name. */
  metrics: MetricDiff[];
  /** Params that differ (changed, added, removed). */
  params: ParamDiff[];
  paramCounts: { base: number; head: number; unchanged: number };
  stages: StageDiff[];
  model: ModelDiff | null;
  candidates: Leaderboard | null;
  data: {
    deps: DepDiff[];
    unchangedDeps: number;
    stats: StatDiff[];
    unchangedStats: number;
    /** Profiled tabular files of the head, worst drift first. */
    profiles: ProfileDiff[];
  };
  significance: Significance | null;
  /** Per-slice metrics and tests, when the head's predictions declare slice columns. */
  slices: SliceComparison | null;
  /** Base-branch runs the sparklines and chart show, oldest first (the base run last when known). */
  history: HistoryPoint[];
  primaryMetric: string | null;
  /** Why the head's metrics are unverified (a fork PR without trusted evaluation), else null. */
  unverified: string | null;
  /** Things the reader should know that are not differences (skipped significance, unverified data…). */
  notes: string[];
}
