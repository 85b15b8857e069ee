import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Feeds, Outputs } from '../batching/batcher.js';
import { requestedVersion as versionOf } from '../context.js';
import { BadRequest, NotFound } from '../http-error.js';
import { runModel } from '../inference.js';
import type { ModelVersion } from '../models/loader.js';
import type { ModelRegistry } from '../models/registry.js';
import type { Shadow } from '../shadow.js';
import { fromV2Datatype, toV2Datatype, v2TensorMeta as tensorMeta } from '../dtype-names.js';
import { checkShape, toTypedData } from '../tensor-checks.js';
import { sameDims } from '../tensors.js';
import type { ElementType, HostTensor, TensorSpec } from '../tensors.js';
import { InferResponseParts, loadProtos } from './protos.js';
import { elementCount, fromRaw, parseDims, toArray, toRaw } from './raw.js';
import type { Int64 } from './raw.js';
import { unary } from './status.js';
import type { UnaryContext } from './status.js';

/**
 * KServe V2 / Open Inference Protocol over gRPC (`inference.GRPCInferenceService`):
 * the same registry, validation and batcher as the REST routes. Inputs come as typed
 * `contents` or as `raw_input_contents`; the response answers in kind (raw bytes in
 * `raw_output_contents` when the request sent raw bytes, as tritonclient does).
 */

type Contents = Partial<Record<ContentsField, unknown[]>>;
type ContentsField =
  | 'bool_contents'
  | 'int_contents'
  | 'int64_contents'
  | 'uint_contents'
  | 'uint64_contents'
  | 'fp32_contents'
  | 'fp64_contents'
  | 'bytes_contents';

/** A decoded ModelInferRequest (protos.ts's codec): int64 as Long, unset fields at their defaults. */
interface InferInput {
  name: string;
  datatype: string;
  shape: readonly Int64[];
  contents?: Contents | null;
}
interface InferRequest {
  model_name: string;
  model_version?: string;
  id?: string;
  inputs: InferInput[];
  outputs: { name: string }[];
  raw_input_contents: Buffer[];
}

/** The InferTensorContents field of each element type (FP16 only travels raw). */
const FIELD_OF: Partial<Record<ElementType, ContentsField>> = {
  bool: 'bool_contents',
  int8: 'int_contents',
  int16: 'int_contents',
  int32: 'int_contents',
  int64: 'int64_contents',
  uint8: 'uint_contents',
  uint16: 'uint_contents',
  uint32: 'uint_contents',
  uint64: 'uint64_contents',
  float32: 'fp32_contents',
  float64: 'fp64_contents',
  string: 'bytes_contents',
};

interface KServeGrpcOptions extends UnaryContext {
  models: ModelRegistry;
  shadow?: Shadow | undefined;
  serverName: string;
  serverVersion: string;
}

function typedInput(
  spec: TensorSpec,
  n: number,
  contents: Contents | null | undefined,
): HostTensor['data'] {
  const field = FIELD_OF[spec.type];
  const given = Object.entries(contents ?? {}).filter(([, v]) => Array.isArray(v) && v.length > 0);
  if (!field)
    throw new BadRequest(
      `input '${spec.name}': ${toV2Datatype(spec.type)} has no typed contents field: send it in raw_input_contents`,
    );
  const other = given.find(([k]) => k !== field);
  if (other)
    throw new BadRequest(
      `input '${spec.name}' is ${toV2Datatype(spec.type)}: its data goes in contents.${field}, not contents.${other[0]}`,
    );
  let values = contents?.[field] ?? [];
  if (values.length !== n)
    throw new BadRequest(
      `input '${spec.name}': contents.${field} has ${values.length} elements but its shape needs ${n}`,
    );
  if (spec.type === 'string') values = values.map((b) => (b as Buffer).toString('utf8'));
  // Longs as exact decimal strings, which toTypedData reads as BigInt.
  else if (field === 'int64_contents' || field === 'uint64_contents') values = values.map(String);
  return toTypedData(spec, values);
}

function feedsOf(model: ModelVersion, request: InferRequest): Feeds {
  const raw = request.raw_input_contents;
  if (raw.length > 0 && raw.length !== request.inputs.length)
    throw new BadRequest(
      `raw_input_contents has ${raw.length} entries for ${request.inputs.length} inputs: send one per input, in the order of inputs`,
    );
  const feeds: Feeds = {};
  request.inputs.forEach((input, i) => {
    const spec = model.inputs.find((s) => s.name === input.name);
    if (!spec)
      throw new BadRequest(
        `unexpected inference input '${input.name.slice(0, 64)}' for model '${model.name}': it takes ${model.inputs.map((s) => `'${s.name}' (${toV2Datatype(s.type)})`).join(', ')}`,
      );
    if (Object.hasOwn(feeds, spec.name))
      throw new BadRequest(`input '${spec.name}' is given twice`);
    if (fromV2Datatype(input.datatype) !== spec.type)
      throw new BadRequest(
        `input '${spec.name}': wrong datatype: expected ${toV2Datatype(spec.type)}, received ${input.datatype.slice(0, 16)}`,
      );
    const dims = parseDims(input.shape, `input '${spec.name}'`);
    checkShape(spec, dims);
    const n = elementCount(dims, `input '${spec.name}'`);
    if (raw.length > 0 && Object.values(input.contents ?? {}).some((v) => v.length > 0))
      throw new BadRequest(
        `input '${spec.name}' has contents while the request has raw_input_contents: send every input one way`,
      );
    const data =
      raw.length > 0
        ? fromRaw(spec.type, n, raw[i]!, `raw_input_contents[${i}] (input '${spec.name}')`)
        : typedInput(spec, n, input.contents);
    feeds[spec.name] = { type: spec.type, data, dims };
  });
  for (const spec of model.inputs)
    if (!Object.hasOwn(feeds, spec.name))
      throw new BadRequest(`missing input '${spec.name}' (${toV2Datatype(spec.type)})`);
  return feeds;
}

async function infer(
  models: ModelRegistry,
  request: InferRequest,
  info: { model: string; version: string },
  shadow: Shadow | undefined,
): Promise<object> {
  const model = models.acquire(
    request.model_name,
    versionOf(request.model_name, request.model_version),
  );
  info.model = model.name;
  info.version = String(model.version);
  try {
    const feeds = feedsOf(model, request);
    const names =
      request.outputs.length > 0
        ? request.outputs.map((o) => o.name)
        : model.outputs.map((s) => s.name);
    for (const name of names)
      if (!model.outputs.some((s) => s.name === name))
        throw new BadRequest(
          `unexpected inference output '${name.slice(0, 64)}' for model '${model.name}': it has ${model.outputs.map((s) => `'${s.name}'`).join(', ')}`,
        );
    const outputs = await runModel(model, feeds, shadow);
    if (request.raw_input_contents.length > 0)
      return new InferResponseParts(
        rawHead(model, names, outputs),
        request.id ?? '',
        names.map((n) => toRaw(outputs[n]!)),
      );
    const tensors = names.map((name) => {
      const view = outputs[name]!;
      const type = model.outputs.find((s) => s.name === name)!.type;
      const tensor: Record<string, unknown> = {
        name,
        datatype: toV2Datatype(type),
        shape: view.dims,
      };
      const field = FIELD_OF[type];
      if (!field)
        throw new BadRequest(
          `output '${name}' is FP16, which only raw_output_contents carries: send the inputs raw`,
        );
      const values = toArray(view);
      tensor.contents = {
        [field]: type === 'string' ? values.map((s) => Buffer.from(String(s))) : values,
      };
      return tensor;
    });
    return {
      model_name: model.name,
      model_version: String(model.version),
      id: request.id ?? '',
      outputs: tensors,
    };
  } finally {
    model.release();
  }
}

/** The head (InferResponseParts) of a version's last raw response, and the output names and shapes it describes. */
interface RawHead {
  names: readonly string[];
  dims: readonly (readonly number[])[];
  bytes: Uint8Array;
}
const rawHeads = new WeakMap<ModelVersion, RawHead>();

/**
 * The encoded model_name, model_version and outputs of a raw response: the same bytes for
 * every call of a version whose outputs have the shapes of the last call's (single rows, a
 * steady batch size), so they are encoded again only when the names or shapes change.
 */
function rawHead(model: ModelVersion, names: readonly string[], outputs: Outputs): Uint8Array {
  const last = rawHeads.get(model);
  if (
    last &&
    last.names.length === names.length &&
    names.every((name, i) => name === last.names[i] && sameDims(outputs[name]!.dims, last.dims[i]!))
  )
    return last.bytes;
  const dims = names.map((name) => outputs[name]!.dims);
  const bytes = loadProtos().modelInfer.response.encode({
    model_name: model.name,
    model_version: String(model.version),
    outputs: names.map((name, i) => ({
      name,
      datatype: toV2Datatype(model.outputs.find((s) => s.name === name)!.type),
      shape: dims[i],
    })),
  });
  rawHeads.set(model, { names, dims, bytes });
  return bytes;
}

/** A ModelReady or ModelMetadata request; a proto3 field left out arrives as undefined. */
interface ModelRequest {
  name?: string;
  version?: string;
}

/** The model a ModelReady or ModelMetadata request names; none is INVALID_ARGUMENT. */
function nameOf(req: ModelRequest, method: string): string {
  if (!req.name) throw new BadRequest(`${method}Request.name is missing: say which model`);
  return req.name;
}

export function kserveService(o: KServeGrpcOptions): UntypedServiceImplementation {
  const p = 'kserve-grpc';
  return {
    ServerLive: unary(o, p, () => ({ live: true })),
    ServerReady: unary(o, p, () => ({ ready: o.models.ready })),
    ServerMetadata: unary(o, p, () => ({
      name: o.serverName,
      version: o.serverVersion,
      extensions: [],
    })),
    ModelReady: unary(o, p, (req: ModelRequest, info) => {
      const entry = o.models.entry(nameOf(req, 'ModelReady'));
      info.model = entry.name;
      const version = versionOf(entry.name, req.version);
      if (version === undefined) return { ready: o.models.latest(entry) !== undefined };
      const v = entry.versions.get(version);
      if (!v) throw new NotFound(`model '${entry.name}' has no version ${version}`);
      info.version = String(version);
      return { ready: v.state === 'AVAILABLE' };
    }),
    ModelMetadata: unary(o, p, (req: ModelRequest, info) => {
      const name = nameOf(req, 'ModelMetadata');
      const model = o.models.acquire(name, versionOf(name, req.version));
      try {
        info.model = model.name;
        info.version = String(model.version);
        const versions = [...o.models.entry(model.name).versions.values()]
          .filter((v) => v.state === 'AVAILABLE')
          .map((v) => v.version)
          .sort((a, b) => a - b)
          .map(String);
        return {
          name: model.name,
          versions,
          platform: 'onnxruntime_onnx',
          inputs: model.inputs.map(tensorMeta),
          outputs: model.outputs.map(tensorMeta),
        };
      } finally {
        model.release();
      }
    }),
    ModelInfer: unary(o, p, (req: InferRequest, info) => infer(o.models, req, info, o.shadow)),
  };
}
