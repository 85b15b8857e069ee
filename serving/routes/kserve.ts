import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { begin, requestedVersion } from '../context.js';
import type { ServingContext } from '../context.js';
import {
  BinarySlicer,
  binaryDataSize,
  fromBinary,
  toBinary,
  wantsBinary,
} from '../binary-tensors.js';
import { BinaryBody } from '../body.js';
import { BadRequest, NotFound } from '../http-error.js';
import type { Feeds, Outputs } from '../batching/batcher.js';
import { runModel, sendJson, signatureText } from '../inference.js';
import { writeJson } from '../json-response.js';
import type { JsonWriter } from '../json-writer.js';
import type { ModelVersion } from '../models/loader.js';
import { V2InferRequest, parseBody } from '../schema.js';
import { fromV2Datatype, toV2Datatype, v2TensorMeta as tensorMeta } from '../dtype-names.js';
import { fromFlat } from '../json-tensors.js';

/**
 * KServe V2 / Open Inference Protocol (REST):
 *
 *   GET  /v2/health/live, /v2/health/ready, /v2
 *   GET  /v2/models/{m}[/versions/{v}]         metadata
 *   GET  /v2/models/{m}[/versions/{v}]/ready
 *   POST /v2/models/{m}[/versions/{v}]/infer
 *
 * Tensor data is accepted flat (row-major) or nested; responses are flat, as the
 * protocol specifies. BYTES tensors are JSON strings. INT64 values beyond 2^53 are
 * written as exact JSON numbers and can be sent as decimal strings.
 */

type ModelParams = { name: string; version?: string };

function versionOf(params: ModelParams): number | undefined {
  return requestedVersion(params.name, params.version);
}

function feedsFromV2(
  model: ModelVersion,
  inputs: V2InferRequest['inputs'],
  binary: BinarySlicer | undefined,
): Feeds {
  const feeds: Feeds = {};
  for (const input of inputs) {
    const spec = model.inputs.find((s) => s.name === input.name);
    if (!spec) {
      throw new BadRequest(
        `unexpected inference input '${input.name}' for model '${model.name}': it takes ${model.inputs.map((s) => `'${s.name}' (${toV2Datatype(s.type)})`).join(', ')}`,
      );
    }
    if (Object.hasOwn(feeds, input.name))
      throw new BadRequest(`input '${input.name}' is given twice`);
    const datatype = fromV2Datatype(input.datatype);
    if (datatype !== spec.type) {
      throw new BadRequest(
        `input '${spec.name}': wrong datatype: expected ${toV2Datatype(spec.type)}, received ${input.datatype.slice(0, 16)}`,
      );
    }
    const size = binaryDataSize(spec.name, input.parameters);
    if (size === undefined) {
      feeds[spec.name] = fromFlat(spec, input.shape, input.data);
      continue;
    }
    if (!binary)
      throw new BadRequest(
        `input '${spec.name}' has parameters.binary_data_size but the request has no Inference-Header-Content-Length header saying where the JSON ends`,
      );
    if (input.data !== undefined)
      throw new BadRequest(
        `input '${spec.name}' has both 'data' and parameters.binary_data_size: send one`,
      );
    feeds[spec.name] = fromBinary(spec, input.shape, binary.take(spec.name, size));
  }
  binary?.finish();
  for (const spec of model.inputs) {
    if (!Object.hasOwn(feeds, spec.name))
      throw new BadRequest(
        `missing input '${spec.name}' (${toV2Datatype(spec.type)} ${signatureText(spec).split(' ')[1]})`,
      );
  }
  return feeds;
}

export function registerKServe(app: FastifyInstance, ctx: ServingContext): void {
  app.get('/v2', async (request, reply) => {
    begin(request, reply, 'kserve');
    return reply.send({
      name: ctx.serverName,
      version: ctx.serverVersion,
      extensions: ['binary_tensor_data'],
    });
  });
  app.get('/v2/health/live', async (request, reply) => {
    begin(request, reply, 'kserve');
    return reply.send({ live: true });
  });
  app.get('/v2/health/ready', async (request, reply) => {
    begin(request, reply, 'kserve');
    const ready = ctx.models.ready;
    return reply.code(ready ? 200 : 503).send({ ready });
  });

  const metadata = modelMetadata(ctx);
  app.get('/v2/models/:name', metadata);
  app.get('/v2/models/:name/versions/:version', metadata);

  const ready = modelReady(ctx);
  app.get('/v2/models/:name/ready', ready);
  app.get('/v2/models/:name/versions/:version/ready', ready);

  const infer = inferHandler(ctx);
  app.post('/v2/models/:name/infer', infer);
  app.post('/v2/models/:name/versions/:version/infer', infer);
}

type ModelRequest = FastifyRequest<{ Params: ModelParams }>;

/** GET /v2/models/{m}[/versions/{v}]: the model's versions, inputs and outputs. */
function modelMetadata(ctx: ServingContext) {
  return (request: ModelRequest, reply: FastifyReply) => {
    const info = begin(request, reply, 'kserve');
    const model = ctx.models.acquire(request.params.name, versionOf(request.params));
    try {
      info.model = model.name;
      info.version = String(model.version);
      const entry = ctx.models.entry(model.name);
      return {
        name: model.name,
        versions: [...entry.versions.values()]
          .filter((v) => v.state === 'AVAILABLE')
          .map((v) => v.version)
          .sort((a, b) => a - b)
          .map(String),
        platform: 'onnxruntime_onnx',
        inputs: model.inputs.map(tensorMeta),
        outputs: model.outputs.map(tensorMeta),
      };
    } finally {
      model.release();
    }
  };
}

/** GET /v2/models/{m}[/versions/{v}]/ready: 200 or 503; an unknown version is a 404. */
function modelReady(ctx: ServingContext) {
  return async (request: ModelRequest, reply: FastifyReply) => {
    const info = begin(request, reply, 'kserve');
    const entry = ctx.models.entry(request.params.name);
    info.model = entry.name;
    const version = versionOf(request.params);
    const isReady =
      version === undefined
        ? ctx.models.latest(entry) !== undefined
        : entry.versions.get(version)?.state === 'AVAILABLE';
    if (version !== undefined && !entry.versions.has(version))
      throw new NotFound(`model '${entry.name}' has no version ${version}`);
    return reply.code(isReady ? 200 : 503).send({ name: entry.name, ready: isReady });
  };
}

/** POST /v2/models/{m}[/versions/{v}]/infer: JSON, or JSON plus binary tensor data. */
function inferHandler(ctx: ServingContext) {
  return async (request: ModelRequest, reply: FastifyReply) => {
    const info = begin(request, reply, 'kserve');
    const version = versionOf(request.params);
    const model = ctx.models.acquire(request.params.name, version);
    info.model = model.name;
    info.version = String(model.version);
    try {
      const raw = request.body;
      const body = parseBody(V2InferRequest, raw instanceof BinaryBody ? raw.header : raw);
      const slicer = raw instanceof BinaryBody ? new BinarySlicer(raw.binary) : undefined;
      const feeds = feedsFromV2(model, body.inputs, slicer);
      const requested = requestedOutputs(model, body.outputs);
      const outputs = await runModel(model, feeds, ctx.shadow);
      const names = body.outputs ? [...requested.keys()] : model.outputs.map((s) => s.name);
      const binaries: Buffer[] = [];
      const header = writeJson((w) =>
        writeInferResponse(w, model, body, { names, outputs, requested, binaries }),
      );
      if (binaries.length === 0) return sendJson(reply, header);
      return reply
        .type('application/octet-stream')
        .header('inference-header-content-length', header.length)
        .send(Buffer.concat([header, ...binaries]));
    } finally {
      model.release();
    }
  };
}

/** The outputs a request names, with their parameters; an unknown name is a 400. */
function requestedOutputs(
  model: ModelVersion,
  outputs: V2InferRequest['outputs'],
): Map<string, unknown> {
  const requested = new Map<string, unknown>();
  for (const o of outputs ?? []) {
    if (!model.outputs.some((s) => s.name === o.name)) {
      throw new BadRequest(
        `unexpected inference output '${o.name}' for model '${model.name}': it has ${model.outputs.map((s) => `'${s.name}'`).join(', ')}`,
      );
    }
    requested.set(o.name, o.parameters);
  }
  return requested;
}

/**
 * The response JSON; outputs asked for as binary get `binary_data_size` here and
 * their bytes pushed onto `binaries`, to follow the JSON.
 */
function writeInferResponse(
  w: JsonWriter,
  model: ModelVersion,
  body: V2InferRequest,
  out: { names: string[]; outputs: Outputs; requested: Map<string, unknown>; binaries: Buffer[] },
): void {
  w.raw('{"model_name":').string(model.name).raw(',"model_version":').string(String(model.version));
  if (body.id !== undefined) w.raw(',"id":').string(body.id);
  w.raw(',"outputs":[');
  let first = true;
  for (const name of out.names) {
    const view = out.outputs[name]!;
    const datatype = toV2Datatype(model.outputs.find((s) => s.name === name)!.type);
    w.raw(first ? '{"name":' : ',{"name":')
      .string(name)
      .raw(',"datatype":')
      .string(datatype)
      .raw(`,"shape":[${view.dims.join(',')}]`);
    if (wantsBinary(body.parameters, out.requested.get(name))) {
      const bytes = toBinary(view);
      out.binaries.push(bytes);
      w.raw(`,"parameters":{"binary_data_size":${bytes.length}}}`);
    } else w.raw(',"data":').flat(view).raw('}');
    first = false;
  }
  w.raw(']}');
}
