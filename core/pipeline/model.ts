import type { Location } from '../errors.js';
import type { StageCheckDef } from './check-schema.js';

/** A stage after expansion and interpolation: what the planner and runner work on. */
export interface Stage {
  /** `train`, or `train@logreg` for a foreach/matrix item. */
  name: string;
  /**
   * For a stage of a `dvc.yaml` in a subdirectory (named `sub/dvc.yaml:train`, as DVC
   * addresses it): that file, root-relative, and the stage's name inside it.
   */
  dvcfile?: { file: string; name: string };
  /** For foreach/matrix stages: the base name (`train`) and the item's key (`logreg`). */
  group?: { name: string; key: string; values: Record<string, unknown> };
  /** The commands to run, in order, each its own shell (a multi-line string is one per line). */
  cmd: string[];
  /** The cmd as the pipeline file writes it (one string, or a list): what the lock records. */
  lockCmd?: string | string[];
  /** Working directory, relative to the pipeline root ('' for the root). */
  wdir: string;
  /** Dependencies, relative to the pipeline root, normalised. */
  deps: string[];
  outs: Out[];
  /** Plot files the stage writes (its `plots:` entries), relative to the pipeline root. */
  plots?: string[];
  params: ParamRef[];
  /** Params read by `${...}` from params files: DVC lists them under the stage's params in dvc.lock. */
  trackedParams?: ParamRef[];
  frozen: boolean;
  alwaysChanged: boolean;
  retries: number;
  timeoutMs: number | undefined;
  env: Record<string, string>;
  runsOn: string[] | undefined;
  desc: string | undefined;
  /** `checks:` on its tabular outs, run after its command. */
  checks: StageCheck[];
  /** Where the stage is defined, and where each dep/out entry is (same index). */
  location: Location;
  timeoutLocation: Location | undefined;
  depLocations: Location[];
  outLocations: Location[];
}

/** A stage check, its `data` path relative to the pipeline root, with where it is defined. */
export type StageCheck = Omit<StageCheckDef, 'data'> & { data: string; location: Location };

export interface Out {
  path: string;
  cache: boolean;
  persist: boolean;
  /** Declared under `metrics:`. */
  metric: boolean;
}

/** A param dependency: `key` in `file`; `key` undefined means the whole file. */
export interface ParamRef {
  file: string;
  key: string | undefined;
}

export interface Pipeline {
  /** Absolute path of the pipeline file, and of the directory it sits in (the root). */
  file: string;
  root: string;
  stages: Stage[];
  model: string | undefined;
  predictions: string | undefined;
  /** Slice columns of the predictions file (`predictions: { file, slices }`). */
  predictionSlices: string[];
  stats: string[];
  /** Top-level `environment:`: files that define the environment (root-relative) and an image. */
  environment: { files: string[]; image: string | undefined };
  /** Top-level `metrics:` files (DVC's way of naming metrics no stage declares). */
  metrics: string[];
  /** Absolute paths of the other files that shaped the pipeline (params.yaml, vars files). */
  sources: string[];
  /** Directories read to collect a dvc.yaml's subdirectory files: a new file changes their stamp. */
  scanned?: string[];
}
