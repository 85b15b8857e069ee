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
import type { Feeds } from '../batching/batcher.js';
import { runModel, sendJson, signatureText } from '../inference.js';
import { writeJson } from '../json-response.js';
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

  const metadata = (request: FastifyRequest<{ Params: ModelParams }>, reply: FastifyReply) => {
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
  app.get('/v2/models/:name', metadata);
  app.get('/v2/models/:name/versions/:version', metadata);

  const ready = async (request: FastifyRequest<{ Params: ModelParams }>, reply: FastifyReply) => {
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
  app.get('/v2/models/:name/ready', ready);
  app.get('/v2/models/:name/versions/:version/ready', ready);

  const infer = async (request: FastifyRequest<{ Params: ModelParams }>, reply: FastifyReply) => {
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
      const requested = new Map<string, unknown>();
      for (const o of body.outputs ?? []) {
        if (!model.outputs.some((s) => s.name === o.name)) {
          throw new BadRequest(
            `unexpected inference output '${o.name}' for model '${model.name}': it has ${model.outputs.map((s) => `'${s.name}'`).join(', ')}`,
          );
        }
        requested.set(o.name, o.parameters);
      }
      const outputs = await runModel(model, feeds, ctx.shadow);
      const names = body.outputs ? [...requested.keys()] : model.outputs.map((s) => s.name);
      const binaries: Buffer[] = [];
      const header = writeJson((w) => {
        w.raw('{"model_name":')
          .string(model.name)
          .raw(',"model_version":')
          .string(String(model.version));
        if (body.id !== undefined) w.raw(',"id":').string(body.id);
        w.raw(',"outputs":[');
        let first = true;
        for (const name of names) {
          const view = outputs[name]!;
          const datatype = toV2Datatype(model.outputs.find((s) => s.name === name)!.type);
          w.raw(first ? '{"name":' : ',{"name":')
            .string(name)
            .raw(',"datatype":')
            .string(datatype)
            .raw(`,"shape":[${view.dims.join(',')}]`);
          if (wantsBinary(body.parameters, requested.get(name))) {
            const bytes = toBinary(view);
            binaries.push(bytes);
            w.raw(`,"parameters":{"binary_data_size":${bytes.length}}}`);
          } else w.raw(',"data":').flat(view).raw('}');
          first = false;
        }
        w.raw(']}');
      });
      if (binaries.length === 0) return sendJson(reply, header);
      return reply
        .type('application/octet-stream')
        .header('inference-header-content-length', header.length)
        .send(Buffer.concat([header, ...binaries]));
    } finally {
      model.release();
    }
  };
  app.post('/v2/models/:name/infer', infer);
  app.post('/v2/models/:name/versions/:version/infer', infer);
}
