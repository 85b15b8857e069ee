import { credentials, loadPackageDefinition } from '@grpc/grpc-js';
import type { Client, ServiceError } from '@grpc/grpc-js';
import type { ServingApp } from '../app.js';
import { loadProtos } from './protos.js';
import { startGrpcServer } from './server.js';
import type { GrpcServer } from './server.js';

/** Test helpers: a gRPC port over a started app, and grpc-js clients of its services. */

type Call = (request: object) => Promise<Record<string, unknown>>;
/** The unary methods of the served services. */
type Rpc =
  | 'ServerLive'
  | 'ServerReady'
  | 'ModelReady'
  | 'ServerMetadata'
  | 'ModelMetadata'
  | 'ModelInfer'
  | 'Predict'
  | 'GetModelMetadata'
  | 'Classify'
  | 'GetModelStatus'
  | 'Check'
  | 'List';
export type Stub = Record<Rpc, Call> & { client: Client };

export async function grpcFor(
  app: ServingApp,
  maxMessageBytes = 8 * 1024 * 1024,
): Promise<GrpcServer> {
  return startGrpcServer({
    port: 0,
    host: '127.0.0.1',
    models: app.models,
    metrics: app.servingMetrics,
    ...(app.shadow ? { shadow: app.shadow } : {}),
    log: app.log,
    serverName: 'cd4ml',
    serverVersion: '1.2.3',
    maxMessageBytes,
  });
}

type ClientClass = new (
  address: string,
  creds: ReturnType<typeof credentials.createInsecure>,
  options?: object,
) => Client;

/** A client of `service` (e.g. 'inference.GRPCInferenceService') whose methods return promises. */
export function stub(port: number, service: string): Stub {
  const pkg = loadPackageDefinition(loadProtos().definition);
  let ctor: unknown = pkg;
  for (const part of service.split('.')) ctor = (ctor as Record<string, unknown>)[part];
  const Ctor = ctor as ClientClass & { service: Record<string, unknown> };
  const client = new Ctor(`127.0.0.1:${port}`, credentials.createInsecure(), {
    'grpc.max_send_message_length': -1,
    'grpc.max_receive_message_length': -1,
  });
  const out: Record<string, unknown> = { client };
  for (const method of Object.keys(Ctor.service)) {
    out[method] = (request: object) =>
      new Promise((resolve, reject) => {
        const fn = (
          client as unknown as Record<
            string,
            (r: object, cb: (e: ServiceError | null, v: unknown) => void) => void
          >
        )[method]!;
        fn.call(client, request, (err, value) => (err ? reject(err) : resolve(value)));
      });
  }
  return out as Stub;
}

/** Sends `bytes` as the request body of `path`, as is: for requests no encoder would make. */
export function rawCall(client: Client, path: string, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(
      path,
      (b: Buffer) => b,
      (b: Buffer) => b,
      bytes,
      (err, value) => (err ? reject(err) : resolve(value!)),
    ),
  );
}
