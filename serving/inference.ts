import type { FastifyReply } from 'fastify';
import type { Feeds, Outputs } from './batching/batcher.js';
import { BadRequest } from './http-error.js';
import { jsonKey } from './json-writer.js';
import type { JsonWriter } from './json-writer.js';
import type { ModelVersion } from './models/loader.js';
import type { Shadow } from './shadow.js';
import { fromNested } from './json-tensors.js';
import { isB64 } from './tensor-checks.js';
import type { TensorSpec } from './tensors.js';

/** Protocol-independent request → feeds → outputs plumbing shared by the route modules. */

export function signatureText(spec: TensorSpec): string {
  return `${spec.type} [${spec.shape.map((d) => (typeof d === 'number' ? d : -1)).join(', ')}]`;
}

function inputNames(model: ModelVersion): string {
  return model.inputs.map((s) => `'${s.name}' (${signatureText(s)})`).join(', ');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Named nested values → validated feeds. */
export function feedsFromNamed(model: ModelVersion, values: Record<string, unknown>): Feeds {
  const feeds: Feeds = {};
  for (const name of Object.keys(values)) {
    if (!model.inputs.some((s) => s.name === name)) {
      throw new BadRequest(
        `unexpected input '${clip(name)}': model '${model.name}' takes ${inputNames(model)}`,
      );
    }
  }
  for (const spec of model.inputs) {
    if (!Object.hasOwn(values, spec.name))
      throw new BadRequest(`missing input '${spec.name}' (${signatureText(spec)})`);
    feeds[spec.name] = fromNested(spec, values[spec.name]);
  }
  return feeds;
}

/** The TF/MLflow columnar form: one value (single-input models) or an object of named values. */
export function feedsFromColumnar(model: ModelVersion, inputs: unknown): Feeds {
  if (isPlainObject(inputs) && !isB64(inputs)) return feedsFromNamed(model, inputs);
  if (model.inputs.length !== 1) {
    throw new BadRequest(
      `model '${model.name}' has ${model.inputs.length} inputs: send 'inputs' as an object keyed by input name: ${inputNames(model)}`,
    );
  }
  return feedsFromNamed(model, { [model.inputs[0]!.name]: inputs });
}

/** The TF/MLflow row form: a list of instances, each a value (single input) or an object of named values. */
export function feedsFromInstances(model: ModelVersion, instances: unknown): Feeds {
  if (!Array.isArray(instances))
    throw new BadRequest("'instances' must be a list, one element per instance");
  if (instances.length === 0) throw new BadRequest("'instances' is empty");
  // {"b64": …} is a value (TF Serving's bytes), not an instance keyed by input name.
  const named = instances.every((i) => isPlainObject(i) && !isB64(i));
  if (!named) {
    if (model.inputs.length !== 1) {
      throw new BadRequest(
        `model '${model.name}' has ${model.inputs.length} inputs: each instance must be an object keyed by input name: ${inputNames(model)}`,
      );
    }
    return feedsFromNamed(model, { [model.inputs[0]!.name]: instances });
  }
  const columns: Record<string, unknown[]> = {};
  for (const spec of model.inputs) columns[spec.name] = [];
  (instances as Record<string, unknown>[]).forEach((obj, i) => {
    for (const key of Object.keys(obj)) {
      if (!Object.hasOwn(columns, key))
        throw new BadRequest(
          `instance ${i}: unexpected input '${clip(key)}': model '${model.name}' takes ${inputNames(model)}`,
        );
    }
    for (const spec of model.inputs) {
      if (!Object.hasOwn(obj, spec.name))
        throw new BadRequest(
          `instance ${i}: missing input '${spec.name}' (${signatureText(spec)})`,
        );
      columns[spec.name]!.push(obj[spec.name]);
    }
  });
  return feedsFromNamed(model, columns);
}

/** The shared first dimension (the batch) of the feeds; models with several inputs must agree on it. */
function batchRows(model: ModelVersion, feeds: Feeds): number {
  let rows: number | undefined;
  let first = '';
  for (const name in feeds) {
    const n = feeds[name]!.dims[0] ?? 1;
    if (rows === undefined) {
      rows = n;
      first = name;
    } else if (model.batching.enabled && n !== rows) {
      throw new BadRequest(
        `inputs disagree on the batch size: '${first}' has ${rows} rows, '${name}' has ${n}`,
      );
    }
  }
  return rows ?? 0;
}

/**
 * Runs feeds on an acquired model version; onnxruntime failures on validated input are the
 * client's (400). With a shadow, the result is offered to it too (it only queues).
 */
export function runModel(model: ModelVersion, feeds: Feeds, shadow?: Shadow): Promise<Outputs> {
  const rows = batchRows(model, feeds);
  const rejected = (err: unknown): never => {
    throw new BadRequest(
      `model '${model.name}' version ${model.version} rejected the input: ${(err as Error).message.split('\n')[0]}`,
    );
  };
  const mirror = shadow?.mirrorFor(model);
  if (!mirror) return model.infer(feeds, rows).catch(rejected);
  const start = performance.now();
  return model.infer(feeds, rows).then((outputs) => {
    mirror.offer(model, feeds, rows, outputs, (performance.now() - start) / 1000);
    return outputs;
  }, rejected);
}

/** Rejects outputs that cannot be split into one value per instance (first dimension ≠ rows). */
export function checkRows(outputs: Outputs, rows: number): void {
  for (const name in outputs) {
    const view = outputs[name]!;
    if (view.dims[0] !== rows) {
      throw new BadRequest(
        `output '${name}' has shape [${view.dims.join(', ')}], which cannot be split into ${rows} instances: use the columnar 'inputs' format`,
      );
    }
  }
}

/** Rows as TF Serving's `predictions` list: row values for one output, `{name: value}` objects for several (or when `asRecords`). */
export function writeRows(w: JsonWriter, outputs: Outputs, rows: number, asRecords = false): void {
  const names = Object.keys(outputs);
  const views = names.map((n) => outputs[n]!);
  const keys = names.map(jsonKey);
  w.raw('[');
  for (let i = 0; i < rows; i++) {
    if (i > 0) w.raw(',');
    if (views.length === 1 && !asRecords) {
      w.row(views[0]!, i);
      continue;
    }
    w.raw('{');
    for (let j = 0; j < views.length; j++) {
      if (j > 0) w.raw(',');
      w.bytes(keys[j]!).row(views[j]!, i);
    }
    w.raw('}');
  }
  w.raw(']');
}

/** Outputs as one object of nested values keyed by output name. */
export function writeNamed(w: JsonWriter, outputs: Outputs): void {
  w.raw('{');
  let first = true;
  for (const [name, view] of Object.entries(outputs)) {
    if (!first) w.raw(',');
    first = false;
    w.key(name).nested(view);
  }
  w.raw('}');
}

/** Sends a body written by `writeJson`: fastify passes a Buffer through without serializing it. */
export function sendJson(reply: FastifyReply, body: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

function clip(s: string): string {
  return s.length > 64 ? `${s.slice(0, 64)}…` : s;
}
