import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { credentials, loadPackageDefinition, status } from '@grpc/grpc-js';
import type { Client, ClientDuplexStream, ClientReadableStream } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { grpcSuite } from './testing.js';
import type { Stub } from './testing.js';

/** The reflection protocol's own .proto, as @grpc/reflection ships it. */
const REFLECTION = join(
  dirname(createRequire(import.meta.url).resolve('@grpc/reflection')),
  '..',
  'proto/grpc/reflection/v1/reflection.proto',
);

type ReflectionClient = Client & {
  ServerReflectionInfo(): ClientDuplexStream<object, Record<string, unknown>>;
};

describe('grpc.health.v1.Health and server reflection', () => {
  const grpc = grpcSuite({ iris: { 1: 'iris-v1.onnx' } });
  let health: Stub;
  beforeAll(() => {
    health = grpc.client('grpc.health.v1.Health');
  });

  it('checks the server and each model, lists them, and says NOT_FOUND for anything else', async () => {
    expect(await health.Check({})).toEqual({ status: 'SERVING' });
    expect(await health.Check({ service: 'iris' })).toEqual({ status: 'SERVING' });
    await expect(health.Check({ service: 'nope' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
    expect(await health.List({})).toEqual({
      statuses: { '': { status: 'SERVING' }, iris: { status: 'SERVING' } },
    });
  });

  it('watches: the current status first', async () => {
    const call = (
      health.client as unknown as { Watch(r: object): ClientReadableStream<{ status: string }> }
    ).Watch({ service: 'iris' });
    const first = await new Promise((resolve, reject) => {
      call.once('data', resolve);
      call.once('error', reject);
    });
    call.cancel();
    expect(first).toEqual({ status: 'SERVING' });
  });

  it('describes every service through reflection, as grpcurl asks for it', async () => {
    const pkg = loadPackageDefinition(loadSync(REFLECTION, { keepCase: true, bytes: Buffer }));
    const Ctor = (pkg.grpc as Record<string, Record<string, Record<string, unknown>>>).reflection!
      .v1!.ServerReflection as new (
      a: string,
      c: ReturnType<typeof credentials.createInsecure>,
    ) => ReflectionClient;
    const client = new Ctor(`127.0.0.1:${grpc.server.port}`, credentials.createInsecure());
    const ask = (request: object) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const call = client.ServerReflectionInfo();
        call.once('data', (d: Record<string, unknown>) => {
          resolve(d);
          call.end();
        });
        call.once('error', reject);
        call.write(request);
      });
    try {
      const list = (await ask({ list_services: '' })) as {
        list_services_response: { service: { name: string }[] };
      };
      expect(list.list_services_response.service.map((s) => s.name).sort()).toEqual(
        expect.arrayContaining([
          'grpc.health.v1.Health',
          'inference.GRPCInferenceService',
          'tensorflow.serving.ModelService',
          'tensorflow.serving.PredictionService',
        ]),
      );
      const files = (await ask({
        file_containing_symbol: 'tensorflow.serving.PredictionService',
      })) as {
        file_descriptor_response: { file_descriptor_proto: Buffer[] };
      };
      // Decoded as FileDescriptorProtos and built into one root: every type the service uses resolves.
      const set = descriptor.FileDescriptorSet.create({
        file: files.file_descriptor_response.file_descriptor_proto.map((b) =>
          descriptor.FileDescriptorProto.decode(b),
        ),
      });
      const root = (
        protobuf.Root as unknown as { fromDescriptor(s: unknown): protobuf.Root }
      ).fromDescriptor(set);
      const predict = root.lookupService('tensorflow.serving.PredictionService').methods.Predict!;
      expect((predict.resolve() as protobuf.Method).resolvedRequestType!.fullName).toBe(
        '.tensorflow.serving.PredictRequest',
      );
      const tensor = root.lookupType('tensorflow.TensorProto');
      expect(Object.keys(tensor.fields)).toEqual(
        expect.arrayContaining(['dtype', 'tensor_content', 'float_val']),
      );
    } finally {
      client.close();
    }
  });
});
