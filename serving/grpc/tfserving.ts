import { status } from '@grpc/grpc-js';
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Feeds } from '../batching/batcher.js';
import { BadRequest, NotFound } from '../http-error.js';
import { runModel } from '../inference.js';
import type { ModelVersion } from '../models/loader.js';
import type { ModelRegistry } from '../models/registry.js';
import type { Shadow } from '../shadow.js';
import { toTfDtype } from '../dtype-names.js';
import type { TensorSpec } from '../tensors.js';
import { GrpcError, unary } from './status.js';
import type { CallInfo, UnaryContext } from './status.js';
import { fromTensorProto, toTensorProto } from './tensor-proto.js';
import type { TensorProto } from './tensor-proto.js';

/**
 * TensorFlow Serving's gRPC API: `tensorflow.serving.PredictionService` (Predict,
 * GetModelMetadata) and `ModelService` (GetModelStatus), over the same registry as
 * the REST /v1 routes. Models have one signature, `serving_default`.
 */

interface ModelSpec {
  name?: string;
  version?: { value?: string };
  version_label?: string;
  signature_name?: string;
}

const SIGNATURE = 'serving_default';
const SIGNATURE_DEF_MAP = 'type.googleapis.com/tensorflow.serving.SignatureDefMap';

interface TfServingGrpcOptions extends UnaryContext {
  models: ModelRegistry;
  shadow?: Shadow | undefined;
  encodeSignatureDefMap: (value: object) => Buffer;
}

function nameOf(spec: ModelSpec | undefined): string {
  if (!spec?.name) throw new BadRequest('model_spec.name is missing: say which model to use');
  return spec.name;
}

function acquire(models: ModelRegistry, spec: ModelSpec | undefined, info: CallInfo): ModelVersion {
  const name = nameOf(spec);
  const version = spec?.version?.value;
  let number: number | undefined;
  if (version !== undefined) {
    number = Number(version);
    if (!Number.isSafeInteger(number) || number < 0)
      throw new NotFound(
        `Servable not found for request: model '${name}' version ${version.slice(0, 24)}`,
      );
  }
  const model = models.acquire(name, number, spec?.version_label || undefined);
  info.model = model.name;
  info.version = String(model.version);
  const signature = spec?.signature_name;
  if (signature && signature !== SIGNATURE) {
    model.release();
    throw new BadRequest(
      `Serving signature name: "${signature.slice(0, 64)}" not found in signature def (this model has only "${SIGNATURE}")`,
    );
  }
  return model;
}

function specOf(model: ModelVersion): object {
  return { name: model.name, version: { value: String(model.version) }, signature_name: SIGNATURE };
}

function tensorInfo(s: TensorSpec): object {
  return {
    name: s.name,
    dtype: toTfDtype(s.type),
    tensor_shape: { dim: s.shape.map((d) => ({ size: typeof d === 'number' ? d : -1 })) },
  };
}

interface PredictRequest {
  model_spec?: ModelSpec;
  inputs: Record<string, TensorProto>;
  output_filter: string[];
}

async function predict(
  models: ModelRegistry,
  req: PredictRequest,
  info: CallInfo,
  shadow: Shadow | undefined,
): Promise<object> {
  const model = acquire(models, req.model_spec, info);
  try {
    const feeds: Feeds = {};
    const given = req.inputs;
    for (const name of Object.keys(given))
      if (!model.inputs.some((s) => s.name === name))
        throw new BadRequest(
          `input '${name.slice(0, 64)}' is not in the signature: model '${model.name}' takes ${model.inputs.map((s) => `'${s.name}'`).join(', ')}`,
        );
    let raw = true;
    for (const spec of model.inputs) {
      const proto = given[spec.name];
      if (!proto) throw new BadRequest(`missing input '${spec.name}' (${toTfDtype(spec.type)})`);
      if (spec.type !== 'string' && !(proto.tensor_content && proto.tensor_content.length > 0))
        raw = false;
      feeds[spec.name] = fromTensorProto(spec, proto);
    }
    const names =
      req.output_filter.length > 0 ? req.output_filter : model.outputs.map((s) => s.name);
    for (const name of names)
      if (!model.outputs.some((s) => s.name === name))
        throw new BadRequest(
          `output_filter names '${name.slice(0, 64)}', which is not in the signature: model '${model.name}' has ${model.outputs.map((s) => `'${s.name}'`).join(', ')}`,
        );
    const outputs = await runModel(model, feeds, shadow);
    const tensors: Record<string, object> = {};
    for (const name of names) {
      const type = model.outputs.find((s) => s.name === name)!.type;
      tensors[name] = toTensorProto(type, outputs[name]!, raw);
    }
    return { model_spec: specOf(model), outputs: tensors };
  } finally {
    model.release();
  }
}

export function predictionService(o: TfServingGrpcOptions): UntypedServiceImplementation {
  const p = 'tfserving-grpc';
  const onlyPredict = (rpc: string) =>
    unary(o, p, () => {
      throw new GrpcError(
        status.UNIMPLEMENTED,
        `${rpc} takes tf.Example inputs, which ONNX models do not have: use Predict`,
      );
    });
  return {
    Predict: unary(o, p, (req: PredictRequest, info) => predict(o.models, req, info, o.shadow)),
    GetModelMetadata: unary(
      o,
      p,
      (req: { model_spec?: ModelSpec; metadata_field: string[] }, info) => {
        const unsupported = req.metadata_field.find((f) => f !== 'signature_def');
        if (req.metadata_field.length === 0 || unsupported !== undefined)
          throw new BadRequest(
            `metadata_field must be ["signature_def"]${unsupported === undefined ? '' : `: '${unsupported.slice(0, 32)}' is not supported`}`,
          );
        const model = acquire(o.models, req.model_spec, info);
        try {
          const map = {
            signature_def: {
              [SIGNATURE]: {
                inputs: Object.fromEntries(model.inputs.map((s) => [s.name, tensorInfo(s)])),
                outputs: Object.fromEntries(model.outputs.map((s) => [s.name, tensorInfo(s)])),
                method_name: 'tensorflow/serving/predict',
              },
            },
          };
          return {
            model_spec: specOf(model),
            metadata: {
              signature_def: { type_url: SIGNATURE_DEF_MAP, value: o.encodeSignatureDefMap(map) },
            },
          };
        } finally {
          model.release();
        }
      },
    ),
    Classify: onlyPredict('Classify'),
    Regress: onlyPredict('Regress'),
    MultiInference: onlyPredict('MultiInference'),
  };
}

export function modelService(o: TfServingGrpcOptions): UntypedServiceImplementation {
  return {
    GetModelStatus: unary(o, 'tfserving-grpc', (req: { model_spec?: ModelSpec }, info) => {
      const entry = o.models.entry(nameOf(req.model_spec));
      info.model = entry.name;
      const label = req.model_spec?.version_label;
      const raw = req.model_spec?.version?.value;
      const version = label
        ? o.models.labelled(entry, label)
        : raw === undefined
          ? undefined
          : Number(raw);
      const versions = [...entry.versions.values()]
        .filter((v) => version === undefined || v.version === version)
        .sort((a, b) => b.version - a.version)
        .map((v) => ({
          version: v.version,
          state: v.state,
          status: { error_code: v.error ? 'UNKNOWN' : 'OK', error_message: v.error ?? '' },
        }));
      if (version !== undefined && versions.length === 0)
        throw new NotFound(`Could not find version ${version} of model '${entry.name}'`);
      return { model_version_status: versions };
    }),
    HandleReloadConfigRequest: unary(o, 'tfserving-grpc', () => {
      throw new GrpcError(
        status.UNIMPLEMENTED,
        'the model repository is reloaded from disk: add or remove version directories instead of sending a config',
      );
    }),
  };
}
