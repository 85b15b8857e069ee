import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSync } from '@grpc/proto-loader';
import type { Options, PackageDefinition } from '@grpc/proto-loader';
import protobuf from 'protobufjs';

/**
 * The vendored upstream .proto files (serving/protos/, see its README for origin and
 * licence), read at start-up. They sit beside the sources (serving/grpc/ → ../protos)
 * and beside the bundle in the image and the npm package (dist/ → ../serving/protos).
 */
const ROOTS = ['open-inference-protocol', 'tensorflow-serving', 'tensorflow', 'grpc-proto'];
const FILES = [
  'open_inference_grpc.proto',
  'tensorflow_serving/apis/prediction_service.proto',
  'tensorflow_serving/apis/model_service.proto',
  'grpc/health/v1/health.proto',
];

/**
 * How messages look in JavaScript: field names as in the .proto, int64 as decimal
 * strings (exact, unlike numbers), enums as their names, bytes as Buffers, oneofs
 * named, absent fields absent (so "not sent" and "sent empty" can be told apart) but
 * repeated fields always arrays and maps always objects.
 */
const LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: false,
  arrays: true,
  objects: true,
  oneofs: true,
};

function protosDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    for (const candidate of [join(dir, 'protos'), join(dir, 'serving', 'protos')])
      if (existsSync(join(candidate, 'README.md'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(
    `the gRPC .proto files (serving/protos/) are missing beside ${fileURLToPath(import.meta.url)}`,
  );
}

/** A message type's wire codec, for the hot path: protobufjs's generated decode/encode, no object conversion. */
export interface Codec {
  decode(bytes: Buffer): unknown;
  encode(value: unknown): Buffer;
}

interface Protos {
  definition: PackageDefinition;
  /** Encodes a SignatureDefMap, which TF Serving's metadata carries inside a google.protobuf.Any. */
  encodeSignatureDefMap: (value: object) => Buffer;
  /**
   * ModelInfer's request and response, decoded and encoded by protobufjs's generated code
   * directly: message instances (absent fields fall back to the prototype's defaults, int64
   * as Long, bytes as views of the message) instead of proto-loader's converted plain objects.
   */
  modelInfer: { request: Codec; response: Codec };
}

/**
 * A ModelInferResponse in two parts: `head`, the encoded fields that every call of one model
 * version with the same output shapes shares (model_name, model_version, outputs), and the
 * call's own `id` and `raw_output_contents`. Protobuf merges concatenated encodings of a
 * message, so the head followed by the encoding of the rest is the whole response; the head
 * is encoded once, not on every call (kserve.ts keeps the last one of each version).
 */
export class InferResponseParts {
  constructor(
    readonly head: Uint8Array,
    readonly id: string,
    readonly raw_output_contents: readonly Buffer[],
  ) {}
}

function inferResponseCodec(type: protobuf.Type): Codec {
  const whole = codecOf(type);
  return {
    ...whole,
    encode: (value) => {
      if (!(value instanceof InferResponseParts)) return whole.encode(value);
      const rest = type
        .encode({ id: value.id, raw_output_contents: value.raw_output_contents })
        .finish();
      const out = Buffer.allocUnsafe(value.head.length + rest.length);
      out.set(value.head, 0);
      out.set(rest, value.head.length);
      return out;
    },
  };
}

function codecOf(type: protobuf.Type): Codec {
  return {
    decode: (bytes) => type.decode(bytes),
    encode: (value) => type.encode(value as object).finish() as Buffer,
  };
}

let loaded: Protos | undefined;

export function loadProtos(): Protos {
  if (loaded) return loaded;
  const base = protosDir();
  const includeDirs = ROOTS.map((r) => join(base, r));
  const definition = loadSync(FILES, { ...LOADER_OPTIONS, includeDirs });
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => {
    const found = includeDirs.map((d) => join(d, target)).find((p) => existsSync(p));
    return found ?? target;
  };
  root.loadSync(['tensorflow_serving/apis/get_model_metadata.proto', 'open_inference_grpc.proto'], {
    keepCase: true,
  });
  const signatureDefMap = root.lookupType('tensorflow.serving.SignatureDefMap');
  loaded = {
    definition,
    encodeSignatureDefMap: (value) =>
      Buffer.from(signatureDefMap.encode(signatureDefMap.fromObject(value)).finish()),
    modelInfer: {
      request: codecOf(root.lookupType('inference.ModelInferRequest')),
      response: inferResponseCodec(root.lookupType('inference.ModelInferResponse')),
    },
  };
  return loaded;
}
