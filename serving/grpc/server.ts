import { Server } from '@grpc/grpc-js';
import type {
  MethodDefinition,
  ServiceDefinition,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import type { ServingMetrics } from '../metrics.js';
import type { ModelRegistry } from '../models/registry.js';
import type { Shadow } from '../shadow.js';
import { forwarderTo } from './forward.js';
import { listenFront } from './front.js';
import { healthService } from './health.js';
import { kserveService } from './kserve.js';
import { loadProtos } from './protos.js';
import type { Codec } from './protos.js';
import { reflectionService } from './reflection.js';
import { Malformed } from './status.js';
import type { Logger, UnaryHandler } from './status.js';
import { modelService, predictionService } from './tfserving.js';
import type { FastMethod } from './unary-stream.js';

export interface GrpcServerOptions {
  port: number;
  host: string;
  models: ModelRegistry;
  metrics: ServingMetrics;
  /** `--shadow`: gRPC inferences are mirrored to the candidate as REST ones are. */
  shadow?: Shadow;
  log: Logger;
  serverName: string;
  serverVersion: string;
  /** Largest message in bytes, either way; past it the call fails with RESOURCE_EXHAUSTED. */
  maxMessageBytes: number;
}

export interface GrpcServer {
  port: number;
  /** Stops taking calls, lets in-flight ones finish (at most `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The service's methods with a deserializer that does not throw: grpc-js answers a
 * request it cannot decode with INTERNAL, but a truncated or garbled message is the
 * client's error, so the handler gets a Malformed and answers INVALID_ARGUMENT.
 * `codecs` replaces proto-loader's (de)serializers of the methods it names.
 */
function tolerant(
  definition: PackageDefinition,
  name: string,
  codecs: Record<string, { request: Codec; response: Codec }> = {},
): ServiceDefinition {
  const service = definition[name] as ServiceDefinition;
  const out: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const [method, m] of Object.entries(service)) {
    const type = m.path.split('/')[1] ?? name;
    const codec = codecs[method];
    const decode = (bytes: Buffer): unknown =>
      codec ? codec.request.decode(bytes) : (m.requestDeserialize(bytes) as unknown);
    out[method] = {
      ...m,
      ...(codec ? { responseSerialize: (value: unknown) => codec.response.encode(value) } : {}),
      requestDeserialize: (bytes: Buffer) => {
        try {
          return decode(bytes);
        } catch (err) {
          return new Malformed(
            `the request is not a valid ${method} message of ${type} (${(err as Error).message}): send a serialized protobuf of the service's request type`,
          );
        }
      },
    };
  }
  return out;
}

/** The unary methods of the services, for the fast path (./front.ts): every implemented method neither side streams. */
function fastMethods(services: [ServiceDefinition, UntypedServiceImplementation][]): FastMethod[] {
  const out: FastMethod[] = [];
  for (const [definition, implementation] of services)
    for (const [name, m] of Object.entries(definition)) {
      const handler = implementation[name];
      // Streaming, or not implemented (grpc-js answers UNIMPLEMENTED): grpc-js's.
      if (m.requestStream || m.responseStream || typeof handler !== 'function') continue;
      out.push({
        path: m.path,
        decode: m.requestDeserialize,
        encode: m.responseSerialize as (value: unknown) => Buffer,
        handler: handler as UnaryHandler,
      });
    }
  return out;
}

/** Starts the gRPC port: KServe V2, TF Serving, health and reflection over one registry. */
export async function startGrpcServer(opts: GrpcServerOptions): Promise<GrpcServer> {
  const protos = loadProtos();
  const server = new Server({
    'grpc.max_receive_message_length': opts.maxMessageBytes,
    'grpc.max_send_message_length': opts.maxMessageBytes,
    // Channelz keeps per-call counters and traces that nothing here reads.
    'grpc.enable_channelz': 0,
  });
  const ctx = { models: opts.models, metrics: opts.metrics, log: opts.log, shadow: opts.shadow };
  const def = protos.definition;
  const tf = { ...ctx, encodeSignatureDefMap: protos.encodeSignatureDefMap };
  const services: [ServiceDefinition, UntypedServiceImplementation][] = [
    [
      tolerant(def, 'inference.GRPCInferenceService', { ModelInfer: protos.modelInfer }),
      kserveService({ ...ctx, serverName: opts.serverName, serverVersion: opts.serverVersion }),
    ],
    [tolerant(def, 'tensorflow.serving.PredictionService'), predictionService(tf)],
    [tolerant(def, 'tensorflow.serving.ModelService'), modelService(tf)],
    [tolerant(def, 'grpc.health.v1.Health'), healthService(ctx)],
  ];
  for (const [definition, implementation] of services)
    server.addService(definition, implementation);
  reflectionService(def).addToServer(server);
  const forwarder = forwarderTo(server);
  const front = await listenFront({
    port: opts.port,
    host: opts.host,
    maxMessageBytes: opts.maxMessageBytes,
    methods: fastMethods(services),
    forwarder,
  }).catch((err: unknown) => {
    forwarder.close();
    server.forceShutdown();
    throw err;
  });
  return {
    port: front.port,
    close: async (graceMs = 10_000) => {
      await front.close(graceMs);
      forwarder.close();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
