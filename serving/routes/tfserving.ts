import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { begin, parseVersion } from '../context.js';
import type { RequestInfo, ServingContext } from '../context.js';
import type { Outputs } from '../batching/batcher.js';
import { BadRequest, NotFound } from '../http-error.js';
import {
  checkRows,
  feedsFromColumnar,
  feedsFromInstances,
  runModel,
  sendJson,
  writeNamed,
  writeRows,
} from '../inference.js';
import { writeJson } from '../json-response.js';
import type { ModelVersion } from '../models/loader.js';
import type { ModelEntry } from '../models/version-status.js';
import { MODEL_NAME } from '../models/repository.js';
import { TfPredictRequest, parseBody } from '../schema.js';
import { toTfDtype } from '../dtype-names.js';
import type { TensorSpec } from '../tensors.js';

/**
 * TensorFlow Serving REST API v1:
 *
 *   GET  /v1/models/{m}[/versions/{v} | /labels/{l}]            model status
 *   GET  /v1/models/{m}[/versions/{v} | /labels/{l}]/metadata   signature
 *   POST /v1/models/{m}[/versions/{v} | /labels/{l}]:predict    instances → predictions, inputs → outputs
 *
 * The path is parsed by hand: `:predict` is not a route parameter, and a hand
 * parser accepts exactly these shapes and nothing else (no path tricks).
 */

interface Target {
  readonly name: string;
  readonly version?: number;
  readonly label?: string;
  readonly action: 'status' | 'metadata' | 'predict';
}

/** A model name or label in a path: what the repository accepts as a model name, so nothing can escape it. */
const SEGMENT = MODEL_NAME;

/**
 * Parsed paths, per method: clients send the same few paths over and over, and a lookup
 * is cheaper than the split and checks. Only valid paths are kept, at most PARSED_MAX.
 */
const parsed = { GET: new Map<string, Target>(), POST: new Map<string, Target>() };
const PARSED_MAX = 1024;

export function parseTfPath(rest: string, method: 'GET' | 'POST'): Target {
  const memo = parsed[method];
  let target = memo.get(rest);
  if (target === undefined) {
    target = parsePath(rest, method);
    if (memo.size >= PARSED_MAX) memo.clear();
    memo.set(rest, target);
  }
  return target;
}

function parsePath(rest: string, method: 'GET' | 'POST'): Target {
  let path = rest;
  let action: Target['action'] = 'status';
  if (method === 'POST') {
    const colon = path.lastIndexOf(':');
    const verb = colon >= 0 ? path.slice(colon + 1) : '';
    if (verb !== 'predict') {
      if (verb === 'classify' || verb === 'regress')
        throw new BadRequest(`:${verb} is only for TensorFlow Example inputs: use :predict`);
      throw new NotFound(
        `unknown TF Serving endpoint: POST /v1/models/${clip(rest)} (expected …:predict)`,
      );
    }
    path = path.slice(0, colon);
    action = 'predict';
  } else if (path.endsWith('/metadata')) {
    path = path.slice(0, -'/metadata'.length);
    action = 'metadata';
  }
  const parts = path.split('/');
  const name = parts[0] ?? '';
  if (!SEGMENT.test(name))
    throw new NotFound(`Servable not found for request: invalid model name '${clip(name)}'`);
  if (parts.length === 1) return { name, action };
  if (parts.length === 3 && parts[1] === 'versions') {
    const version = parseVersion(parts[2]);
    if (version === undefined)
      throw new NotFound(
        `Servable not found for request: version must be a non-negative integer, received '${clip(parts[2] ?? '')}'`,
      );
    return { name, version, action };
  }
  if (parts.length === 3 && parts[1] === 'labels' && SEGMENT.test(parts[2] ?? ''))
    return { name, label: parts[2], action };
  throw new NotFound(`unknown TF Serving endpoint: /v1/models/${clip(rest)}`);
}

function tensorInfo(s: TensorSpec): unknown {
  return {
    dtype: toTfDtype(s.type),
    tensor_shape: {
      dim: s.shape.map((d) => ({ size: String(typeof d === 'number' ? d : -1), name: '' })),
      unknown_rank: false,
    },
    name: s.name,
  };
}

function statusOf(entry: ModelEntry, version?: number): unknown {
  const versions = [...entry.versions.values()]
    .filter((v) => version === undefined || v.version === version)
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      version: String(v.version),
      state: v.state,
      status: { error_code: v.error ? 'UNKNOWN' : 'OK', error_message: v.error ?? '' },
    }));
  if (version !== undefined && versions.length === 0) {
    throw new NotFound(`Could not find version ${version} of model '${entry.name}'`);
  }
  return { model_version_status: versions };
}

export function registerTfServing(app: FastifyInstance, ctx: ServingContext): void {
  app.get('/v1/models/*', getHandler(ctx));
  app.post('/v1/models/*', predictHandler(ctx));
}

type TfRequest = FastifyRequest<{ Params: { '*': string } }>;

/** Acquires the version a path names (release it when done) and labels the request with it. */
function acquire(ctx: ServingContext, info: RequestInfo, target: Target): ModelVersion {
  const model = ctx.models.acquire(target.name, target.version, target.label);
  info.model = model.name;
  info.version = String(model.version);
  return model;
}

/** GET /v1/models/{m}[/versions/{v} | /labels/{l}][/metadata]: version status or signature. */
function getHandler(ctx: ServingContext) {
  return async (request: TfRequest, reply: FastifyReply) => {
    const info = begin(request, reply, 'tfserving');
    const target = parseTfPath(request.params['*'], 'GET');
    if (target.action === 'status') {
      const entry = ctx.models.entry(target.name);
      info.model = entry.name;
      const version =
        target.label === undefined ? target.version : ctx.models.labelled(entry, target.label);
      return reply.type('application/json').send(JSON.stringify(statusOf(entry, version)));
    }
    const model = acquire(ctx, info, target);
    try {
      return reply.type('application/json').send(JSON.stringify(metadataOf(model)));
    } finally {
      model.release();
    }
  };
}

function metadataOf(model: ModelVersion): unknown {
  return {
    model_spec: { name: model.name, signature_name: '', version: String(model.version) },
    metadata: {
      signature_def: {
        signature_def: {
          serving_default: {
            inputs: Object.fromEntries(model.inputs.map((s) => [s.name, tensorInfo(s)])),
            outputs: Object.fromEntries(model.outputs.map((s) => [s.name, tensorInfo(s)])),
            method_name: 'tensorflow/serving/predict',
          },
        },
      },
    },
  };
}

/** POST /v1/models/{m}…:predict: the row (`instances`) or columnar (`inputs`) format. */
function predictHandler(ctx: ServingContext) {
  return async (request: TfRequest, reply: FastifyReply) => {
    const info = begin(request, reply, 'tfserving');
    const model = acquire(ctx, info, parseTfPath(request.params['*'], 'POST'));
    try {
      const body = parseBody(TfPredictRequest, request.body);
      if (
        body.signature_name !== undefined &&
        body.signature_name !== '' &&
        body.signature_name !== 'serving_default'
      ) {
        throw new BadRequest(
          `Serving signature name: "${clip(body.signature_name)}" not found in signature def (this model has only "serving_default")`,
        );
      }
      if (body.instances !== undefined) {
        const feeds = feedsFromInstances(model, body.instances);
        const rows = (body.instances as unknown[]).length;
        const outputs = bytesAsB64(await runModel(model, feeds, ctx.shadow));
        checkRows(outputs, rows);
        return sendJson(
          reply,
          writeJson((w) => {
            w.raw('{"predictions":');
            writeRows(w, outputs, rows);
            w.raw('}');
          }),
        );
      }
      const outputs = bytesAsB64(
        await runModel(model, feedsFromColumnar(model, body.inputs), ctx.shadow),
      );
      const names = Object.keys(outputs);
      return sendJson(
        reply,
        writeJson((w) => {
          w.raw('{"outputs":');
          if (names.length === 1) w.nested(outputs[names[0]!]!);
          else writeNamed(w, outputs);
          w.raw('}');
        }),
      );
    } finally {
      model.release();
    }
  };
}

/** As TF Serving: a string output whose name ends in `_bytes` is written as `{"b64": …}`. */
function bytesAsB64(outputs: Outputs): Outputs {
  for (const name in outputs) {
    const view = outputs[name]!;
    if (view.type === 'string' && name.endsWith('_bytes')) outputs[name] = { ...view, type: 'b64' };
  }
  return outputs;
}

function clip(s: string): string {
  return s.length > 64 ? `${s.slice(0, 64)}…` : s;
}
