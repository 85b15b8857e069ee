import { readFileSync } from 'node:fs';
import { basename, dirname, join, posix, relative, resolve } from 'node:path';
import { PARSE_LIMITS } from '../yaml/limits.js';
import { YamlSource, type FieldPath } from '../yaml/source.js';
import { Cd4mlAggregateError, Cd4mlError } from '../errors.js';
import { checkOutOwners, checkParams, unique } from './checks.js';
import { collectDvcFiles } from './collect.js';
import { DVC_CONFIG_FILES, readDvcParsing, type Parsing } from './dvc-config.js';
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
 * file, line and field; all of them at once where they are independent. A `dvc.yaml`
 * also brings the `dvc.yaml` files below it, as `dvc repro` collects them: their stages
 * are addressed `sub/dvc.yaml:name`, their paths resolved from their own directory.
 */
export function loadPipeline(file: string): Pipeline {
  const absolute = resolve(file);
  const root = dirname(absolute);
  const parsing = readDvcParsing(root);
  const main = loadFile(absolute, root, '', parsing);
  const { top, source } = main;
  const files = [main];
  const scanned: string[] = [];
  if (basename(absolute) === 'dvc.yaml') {
    const outsOf = (stages: Stage[]): string[] => stages.flatMap((s) => s.outs.map((o) => o.path));
    const found = collectDvcFiles(
      root,
      outsOf(main.stages),
      (rel) => {
        const loaded = loadFile(join(root, rel), root, posix.dirname(rel), parsing);
        files.push(loaded);
        return outsOf(loaded.stages);
      },
      scanned,
    );
    for (const [i, rel] of found.entries()) addressed(files[i + 1]!.stages, rel);
  }
  const stages = files.flatMap((f) => f.stages);
  const readParams = paramsReader(root);
  const errors = unique(files.flatMap((f) => f.errors));
  if (errors.length === 0)
    for (const f of files) errors.push(...checkParams(f.paramChecks, stages, readParams, f.source));
  if (errors.length > 0) throw new Cd4mlAggregateError(unique(errors));
  const paramFiles = new Set(stages.flatMap((stage) => stage.params.map((ref) => ref.file)));
  const varsFiles = new Set(files.flatMap((f) => [...f.varsFiles]));
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
    metrics: files.flatMap((f) =>
      (f.top.metrics ?? []).map((path, i) =>
        normalise(root, f.base, topLevel(path, f.context, f.source, ['metrics', i]), f.source, [
          'metrics',
          i,
        ]),
      ),
    ),
    // Params files that stages name are inputs too: a cached pipeline must see them change.
    sources: [
      ...files.slice(1).map((f) => f.file),
      ...DVC_CONFIG_FILES.map((f) => join(root, f)),
      ...[...new Set([...varsFiles, ...paramFiles])].map((f) => join(root, f)),
    ],
    ...(scanned.length > 0 ? { scanned } : {}),
  };
  checkOutOwners(pipeline);
  return pipeline;
}

/** One pipeline file's stages (paths root-relative), with what it read and what is wrong. */
interface LoadedFile {
  file: string;
  base: string;
  source: YamlSource;
  top: z.infer<typeof PipelineTop>;
  context: VarsContext;
  stages: Stage[];
  paramChecks: ParamCheck[];
  varsFiles: Set<string>;
  errors: Cd4mlError[];
}

function loadFile(absolute: string, root: string, base: string, parsing: Parsing): LoadedFile {
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
  // Every vars file read (top-level or a stage's) is an input of the loaded pipeline.
  const varsFiles = new Set<string>([posix.join(base || '.', DEFAULT_PARAMS_FILE)]);
  const readPython = paramsReader(root, undefined, PYTHON_YAML_SCHEMA);
  const readVars = (f: string): unknown => {
    varsFiles.add(f);
    return readPython(f);
  };
  const context = buildContext(top.vars ?? [], { readParams: readVars, source }, base);
  const errors: Cd4mlError[] = [];
  const stages: Stage[] = [];
  const paramChecks: ParamCheck[] = [];
  for (const [name, raw] of Object.entries(top.stages)) {
    try {
      stages.push(
        ...expandStage(name, raw, context, { root, base, source, readVars, parsing }, paramChecks),
      );
    } catch (error) {
      if (error instanceof Cd4mlAggregateError) errors.push(...error.errors);
      else if (error instanceof Cd4mlError) errors.push(error);
      else throw error;
    }
  }
  return { file: absolute, base, source, top, context, stages, paramChecks, varsFiles, errors };
}

/** Names a subdirectory file's stages as DVC addresses them: `sub/dvc.yaml:train@a`. */
function addressed(stages: Stage[], file: string): void {
  for (const stage of stages) {
    stage.dvcfile = { file, name: stage.name };
    stage.name = `${file}:${stage.name}`;
    if (stage.group) stage.group = { ...stage.group, name: `${file}:${stage.group.name}` };
  }
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
