import { createHash } from 'node:crypto';
import type { Dag } from '../pipeline/dag.js';
import type { Stage } from '../pipeline/model.js';
import { downloads, written, type DownloadContext } from './downloads.js';
import { fragmentArtifactFor } from './ids.js';
import {
  ACTIONS,
  ALWAYS,
  CHECKOUT_STEP,
  fragmentFile,
  NODE_VERSION,
  withOverrides,
  type Job,
  type JobPlan,
  type Step,
} from './model.js';

/** What every stage job is built from, beside its plan. */
export interface StageJobContext extends DownloadContext {
  dag: Dag;
  /** Each stage's index in execution order. */
  order: ReadonlyMap<string, number>;
  /** A path relative to the pipeline, from the repository root. */
  at: (path: string) => string;
  setup: readonly Step[];
  retentionDays: number;
}

/**
 * The job of one stage, or of a foreach/matrix stage's members as a matrix: download the
 * parents' outs, restore the stage's run-cache, run it, and upload its outs and its
 * fragment (the final job's input) even when it failed.
 */
export function stageJob(plan: JobPlan, ctx: StageJobContext): Job {
  const { dag, order, artifacts, at } = ctx;
  const parents = [...new Set(plan.stages.flatMap((s) => [...(dag.upstream.get(s.name) ?? [])]))]
    .filter((up) => !plan.stages.some((s) => s.name === up))
    .sort((a, b) => order.get(a)! - order.get(b)!);
  const first = plan.stages[0]!;
  const stageRef = plan.matrix ? '${{ matrix.stage }}' : first.name;
  const artifactRef = plan.matrix ? '${{ matrix.artifact }}' : artifacts.get(first.name)!;
  const fragmentRef = plan.matrix
    ? '${{ matrix.fragment }}'
    : fragmentArtifactFor(artifacts.get(first.name)!);
  const outsRef = plan.matrix ? '${{ matrix.outs }}' : written(first).map(at).join('\n');
  return {
    name: plan.matrix ? `${first.group!.name} (\${{ matrix.stage }})` : first.name,
    ...(plan.needs.length > 0 ? { needs: plan.needs } : {}),
    'runs-on': runsOn(first),
    ...jobTimeout(plan.stages),
    ...(plan.matrix
      ? {
          strategy: {
            'fail-fast': false,
            matrix: {
              include: plan.stages.map((s) => ({
                stage: s.name,
                artifact: artifacts.get(s.name)!,
                fragment: fragmentArtifactFor(artifacts.get(s.name)!),
                outs: written(s).map(at).join('\n'),
              })),
            },
          },
        }
      : {}),
    env: { CD4ML_STAGE: stageRef, CD4ML_ARTIFACT: artifactRef },
    steps: [
      CHECKOUT_STEP,
      { uses: ACTIONS.setupNode, with: { 'node-version': NODE_VERSION } },
      ...ctx.setup,
      ...downloads(parents, ctx),
      {
        name: 'Restore the run-cache',
        uses: ACTIONS.cache,
        with: {
          path: at('.cd4ml/cache'),
          key: `cd4ml-run-cache-\${{ runner.os }}-${artifactRef}-${definitionHash(plan.stages)}-${hashFilesOf(plan.stages, at)}`,
          'restore-keys': `cd4ml-run-cache-\${{ runner.os }}-${artifactRef}-`,
        },
      },
      { name: 'Run the stage', run: withOverrides('$CD4ML run --single "$CD4ML_STAGE"') },
      {
        name: 'Record the stage for the final job',
        if: ALWAYS,
        run: `$CD4ML workflow fragment "$CD4ML_STAGE" "${fragmentFile('$CD4ML_ARTIFACT')}"`,
      },
      ...uploads(artifactRef, fragmentRef, outsRef, ctx),
    ],
  };
}

/**
 * The stage's outs with its fragment (for later stages), and the fragment alone (for the
 * final job), uploaded after a failure too; `overwrite` lets "Re-run failed jobs" upload
 * again under the same names in the same run.
 */
function uploads(
  artifactRef: string,
  fragmentRef: string,
  outsRef: string,
  ctx: StageJobContext,
): Step[] {
  const { at } = ctx;
  return [
    {
      name: 'Upload the outs',
      if: ALWAYS,
      uses: ACTIONS.upload,
      with: {
        name: artifactRef,
        // The fragment sits in the pipeline's directory, so that directory is the
        // artifact's root and every out lands back at its own path when downloaded.
        path: [at(fragmentFile(artifactRef)), ...(outsRef ? [outsRef] : [])].join('\n'),
        'if-no-files-found': 'error',
        'include-hidden-files': true,
        'retention-days': ctx.retentionDays,
        overwrite: true,
      },
    },
    {
      // The fragment alone too: the final job needs every stage's result, not every out.
      name: 'Upload the stage’s result',
      if: ALWAYS,
      uses: ACTIONS.upload,
      with: {
        name: fragmentRef,
        path: at(fragmentFile(artifactRef)),
        'if-no-files-found': 'error',
        // A pipeline under a dot-directory (`.ml/cd4ml.yaml`) puts the fragment there too.
        'include-hidden-files': true,
        'retention-days': ctx.retentionDays,
        overwrite: true,
      },
    },
  ];
}

/**
 * A job timeout for stages with a `timeout`: every attempt's worth, plus 30 minutes for
 * installing cd4ml, downloads and the cache. GitHub's default (360 minutes) otherwise.
 */
function jobTimeout(stages: readonly Stage[]): { 'timeout-minutes'?: number } {
  if (stages.some((s) => s.timeoutMs === undefined)) return {};
  const longest = Math.max(...stages.map((s) => (s.timeoutMs ?? 0) * (s.retries + 1)));
  return { 'timeout-minutes': Math.ceil(longest / 60_000) + 30 };
}

function runsOn(stage: Stage): string | string[] {
  const labels = stage.runsOn ?? [];
  if (labels.length === 0) return 'ubuntu-latest';
  return labels.length === 1 ? labels[0]! : [...labels];
}

/**
 * `hashFiles(...)` over what the stages read: each dep (the runner's hashFiles globs with
 * implicit descendants, so a directory dep hashes the files under it), and the params
 * files. The run-cache itself decides hits by content; this key only picks the cache
 * entry to restore and whether to save a new one.
 */
function hashFilesOf(stages: readonly Stage[], at: (path: string) => string): string {
  const patterns = new Set<string>();
  for (const stage of stages) {
    for (const dep of stage.deps) patterns.add(at(dep));
    for (const param of stage.params) patterns.add(at(param.file));
  }
  if (patterns.size === 0) return 'no-deps';
  return `\${{ hashFiles(${[...patterns].map(quote).join(', ')}) }}`;
}

/**
 * What the stages run and write, hashed at compile time: a changed cmd, outs or env makes
 * a new cache key (so the new run-cache entry is saved) even when no file changed.
 */
function definitionHash(stages: readonly Stage[]): string {
  const definition = stages.map((s) => [s.name, s.cmd, s.wdir, s.outs.map((o) => o.path), s.env]);
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 12);
}

/** A single-quoted string in a GitHub expression: `'` doubles. */
function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
