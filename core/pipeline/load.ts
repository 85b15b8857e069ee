import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { PARSE_LIMITS } from '../yaml/limits.js';
import { YamlSource, type FieldPath } from '../yaml/source.js';
import { Cd4mlAggregateError, Cd4mlError } from '../errors.js';
import { checkOuts, checkParams, unique } from './checks.js';
import { buildContext, type VarsContext } from './context.js';
import { expandStage } from './expand.js';
import { DEFAULT_PARAMS_FILE, paramsReader } from './files.js';
import type { Pipeline, Stage } from './model.js';
import { normalise, type ParamCheck } from './normalise.js';
import { interpolateString } from './interpolate.js';
import { pyStr, PYTHON_YAML_SCHEMA } from './python.js';
import { PipelineTop } from './schema.js';
import type * as z from '../yaml/zod.js';

/**
 * Loads, validates and expands a pipeline file. Every problem is reported with its
 * file, line and field; all of them at once where they are independent.
 */
export function loadPipeline(file: string): Pipeline {
  const absolute = resolve(file);
  const root = dirname(absolute);
  const display = relative(process.cwd(), absolute) || basename(absolute);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Cd4mlError(
      'E_SPEC',
      `cannot read the pipeline file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        location: { file: display },
        hint: 'run cd4ml from the directory holding cd4ml.yaml, or pass -f path/to/cd4ml.yaml',
      },
    );
  }
  const source = YamlSource.parse(text, display, 'E_SPEC', PARSE_LIMITS, PYTHON_YAML_SCHEMA);
  if (source.data === null || source.data === undefined) {
    throw new Cd4mlError('E_SPEC', 'the pipeline file is empty', {
      location: { file: display, line: 1 },
      hint: 'add a `stages:` section',
    });
  }
  const top = source.validate(PipelineTop, source.data, [], 'E_SPEC');
  const readParams = paramsReader(root);
  // Every vars file read (top-level or a stage's) is an input of the loaded pipeline.
  const varsFiles = new Set<string>([DEFAULT_PARAMS_FILE]);
  const readPython = paramsReader(root, undefined, PYTHON_YAML_SCHEMA);
  const readVars = (f: string): unknown => {
    varsFiles.add(f);
    return readPython(f);
  };
  const context = buildContext(top.vars ?? [], { readParams: readVars, source });

  const errors: Cd4mlError[] = [];
  const stages: Stage[] = [];
  const paramChecks: ParamCheck[] = [];
  for (const [name, raw] of Object.entries(top.stages)) {
    try {
      stages.push(...expandStage(name, raw, context, { root, source, readVars }, paramChecks));
    } catch (error) {
      if (error instanceof Cd4mlAggregateError) errors.push(...error.errors);
      else if (error instanceof Cd4mlError) errors.push(error);
      else throw error;
    }
  }
  if (errors.length === 0) errors.push(...checkParams(paramChecks, stages, readParams, source));
  if (errors.length > 0) throw new Cd4mlAggregateError(unique(errors));
  const paramFiles = new Set(stages.flatMap((stage) => stage.params.map((ref) => ref.file)));
  const pipeline: Pipeline = {
    file: absolute,
    root,
    stages,
    model: top.model === undefined ? undefined : normalise(root, '', top.model, source, ['model']),
    ...predictionsOf(top.predictions, root, source),
    stats: (top.stats ?? []).map((path, i) => normalise(root, '', path, source, ['stats', i])),
    environment: {
      files: (top.environment?.files ?? []).map((path, i) =>
        normalise(root, '', path, source, ['environment', 'files', i]),
      ),
      image: top.environment?.image,
    },
    // Top-level metrics are interpolated too, as in DVC.
    metrics: (top.metrics ?? []).map((path, i) =>
      normalise(root, '', topLevel(path, context, source, ['metrics', i]), source, ['metrics', i]),
    ),
    // Params files that stages name are inputs too: a cached pipeline must see them change.
    sources: [...new Set([...varsFiles, ...paramFiles])].map((f) => join(root, f)),
  };
  checkOuts(pipeline);
  return pipeline;
}

/** `predictions: path` or `predictions: { file, slices }`. */
function predictionsOf(
  entry: z.infer<typeof PipelineTop>['predictions'],
  root: string,
  source: YamlSource,
): Pick<Pipeline, 'predictions' | 'predictionSlices'> {
  if (entry === undefined) return { predictions: undefined, predictionSlices: [] };
  if (typeof entry === 'string')
    return {
      predictions: normalise(root, '', entry, source, ['predictions']),
      predictionSlices: [],
    };
  return {
    predictions: normalise(root, '', entry.file, source, ['predictions', 'file']),
    predictionSlices: [...new Set(entry.slices)],
  };
}

/** A top-level `metrics`/`params`/`plots` path, interpolated from the pipeline's context (DVC's TopDefinition). */
function topLevel(path: string, ctx: VarsContext, source: YamlSource, field: FieldPath): string {
  try {
    return pyStr(interpolateString(path, ctx.data));
  } catch (error) {
    throw source.error(
      'E_INTERPOLATION',
      field,
      (error as Error).message,
      'define the key in params.yaml or under vars',
    );
  }
}
