import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { Cd4mlError } from '../core/errors.js';
import { registerServe } from './command.js';

function program(): Command {
  const p = new Command('cd4ml').exitOverride();
  registerServe(p);
  return p;
}

describe('cd4ml serve', () => {
  it.each([
    [
      ['serve', 'm.onnx', '--port', 'http'],
      "--port must be an integer from 0 to 65535, received 'http'",
    ],
    [
      ['serve', 'm.onnx', '--max-body', 'lots'],
      "--max-body must be a size such as 8mb or 1048576, received 'lots'",
    ],
    [
      ['serve', 'm.onnx', '--workers', '0'],
      "--workers must be 'auto' or an integer from 1 to 256, received '0'",
    ],
    [
      ['serve', 'm.onnx', '--workers', 'all'],
      "--workers must be 'auto' or an integer from 1 to 256, received 'all'",
    ],
    [
      ['serve', 'm.onnx', '--log-level', 'loud'],
      "--log-level must be one of fatal, error, warn, info, debug, trace, silent, received 'loud'",
    ],
    [
      ['serve', 'm.onnx', '--shadow', 'iris'],
      "--shadow must be <model>:<version>, e.g. iris:2, received 'iris'",
    ],
    [
      ['serve', 'm.onnx', '--shadow', 'iris:2', '--shadow-rate', '1.5'],
      "--shadow-rate must be a fraction from 0 to 1, received '1.5'",
    ],
    [
      ['serve', 'm.onnx', '--shadow-rate', '0.5'],
      "--shadow-rate 0.5 needs --shadow <model>:<version> (a model's config.yaml shadow: entry takes rate: instead)",
    ],
  ])('rejects %j with a usage error', async (argv, message) => {
    const err = await program()
      .parseAsync(argv, { from: 'user' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Cd4mlError);
    expect((err as Cd4mlError).code).toBe('E_USAGE');
    expect((err as Error).message).toBe(message);
  });

  it('refuses one port for REST and gRPC, saying where the gRPC one came from', async () => {
    const saved = process.env.CD4ML_GRPC_PORT;
    try {
      const flag = await program()
        .parseAsync(['serve', 'm.onnx', '--port', '8500', '--grpc-port', '8500'], { from: 'user' })
        .catch((e: unknown) => e);
      expect((flag as Error).message).toBe(
        '--grpc-port 8500 is the REST port too\n  hint: REST and gRPC each need a port of their own: give --grpc-port another one',
      );
      // The image sets CD4ML_GRPC_PORT=8500; a platform that sets PORT=8500 meets it.
      process.env.CD4ML_GRPC_PORT = '8500';
      const env = await program()
        .parseAsync(['serve', 'm.onnx', '--port', '8500'], { from: 'user' })
        .catch((e: unknown) => e);
      expect(env).toBeInstanceOf(Cd4mlError);
      expect((env as Error).message).toMatch(
        /^--grpc-port 8500 \(\$CD4ML_GRPC_PORT\) is the REST port too\n.*give --grpc-port or \$CD4ML_GRPC_PORT another one$/,
      );
    } finally {
      if (saved === undefined) delete process.env.CD4ML_GRPC_PORT;
      else process.env.CD4ML_GRPC_PORT = saved;
    }
  });

  it('needs a model when MODEL_REPOSITORY is unset', async () => {
    const saved = process.env.MODEL_REPOSITORY;
    delete process.env.MODEL_REPOSITORY;
    try {
      const err = await program()
        .parseAsync(['serve'], { from: 'user' })
        .catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/^no model given\n {2}hint: cd4ml serve model.onnx/);
    } finally {
      if (saved !== undefined) process.env.MODEL_REPOSITORY = saved;
    }
  });
});
