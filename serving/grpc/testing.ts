import { credentials, loadPackageDefinition } from '@grpc/grpc-js';
import type { Client, ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll } from 'vitest';
import type { ServingApp } from '../app.js';
import { startedApp, tempRepository } from '../testing.js';
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

export interface GrpcSuite {
  readonly app: ServingApp;
  readonly server: GrpcServer;
  /** The temporary model repository. */
  readonly root: string;
  /** A client of `service`, made once per suite and closed before the port is. */
  client(service: string): Stub;
}

/**
 * For one describe block, from beforeAll to afterAll: a temporary repository of `models`
 * (`prepare` may write to it before the app starts), an app started on it, and a gRPC port
 * over the app (`maxMessageBytes`: the largest message either way). Register it before the block's
 * own beforeAll, which then sees it started.
 */
export function grpcSuite(
  models: Parameters<typeof tempRepository>[0],
  options: { maxMessageBytes?: number; prepare?: (root: string) => Promise<void> } = {},
): GrpcSuite {
  let app: ServingApp | undefined;
  let server: GrpcServer | undefined;
  let repo: Awaited<ReturnType<typeof tempRepository>> | undefined;
  const clients = new Map<string, Stub>();
  beforeAll(async () => {
    repo = await tempRepository(models);
    await options.prepare?.(repo.root);
    app = await startedApp({ repository: repo.root });
    server = await grpcFor(app, options.maxMessageBytes);
  });
  afterAll(async () => {
    for (const c of clients.values()) c.client.close();
    await server?.close();
    await app?.close();
    await repo?.cleanup();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('grpcSuite: used before its beforeAll ran');
    return value;
  };
  return {
    get app() {
      return started(app);
    },
    get server() {
      return started(server);
    },
    get root() {
      return started(repo).root;
    },
    client(service) {
      let c = clients.get(service);
      if (c === undefined) {
        c = stub(started(server).port, service);
        clients.set(service, c);
      }
      return c;
    },
  };
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

/** The bytes grpc-js would send for a request to `path` (the proto-loader serializer). */
export function encodeRequest(path: string, request: object): Buffer {
  const [, service, method] = path.split('/');
  const methods = loadProtos().definition[service!] as Record<
    string,
    { requestSerialize: (r: object) => Buffer }
  >;
  return methods[method!]!.requestSerialize(request);
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
