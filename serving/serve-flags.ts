import type { Command } from 'commander';
import { Cd4mlError } from '../core/errors.js';
import { availableCpus } from './available-cpus.js';
import { resolvePlatform } from './platforms.js';
import type { ServeOptions } from './server.js';
import { parseShadowTarget } from './shadow-target.js';
import type { ShadowOptions } from './shadow-target.js';

/** `cd4ml serve`'s flags, checked and turned into the server's options (a usage error names the flag). */

export interface ServeFlags {
  port: string;
  host: string;
  poll: string;
  settle: string;
  maxBody: string;
  logLevel: string;
  accessLog?: boolean;
  intraOpThreads: string;
  mlflowModel?: string;
  modelName: string;
  drain: string;
  workers: string;
  verifyModels?: string | true;
  grpcPort?: string;
  shadow?: string;
  shadowRate: string;
  healthRoute: string[];
  predictRoute: string[];
}

function shadowOf(flags: ServeFlags): ShadowOptions | undefined {
  if (flags.shadow === undefined) {
    // Its default is 1: anything else was given, and would silently do nothing.
    if (flags.shadowRate !== '1')
      throw new Cd4mlError(
        'E_USAGE',
        `--shadow-rate ${flags.shadowRate.slice(0, 32)} needs --shadow <model>:<version> (a model's config.yaml shadow: entry takes rate: instead)`,
      );
    return undefined;
  }
  const target = parseShadowTarget(flags.shadow);
  if (!target)
    throw new Cd4mlError(
      'E_USAGE',
      `--shadow must be <model>:<version>, e.g. iris:2, received '${flags.shadow.slice(0, 64)}'`,
    );
  const rate = Number(flags.shadowRate);
  if (!/^\d*\.?\d+$/.test(flags.shadowRate) || rate > 1)
    throw new Cd4mlError(
      'E_USAGE',
      `--shadow-rate must be a fraction from 0 to 1, received '${flags.shadowRate}'`,
    );
  return { ...target, rate };
}

function int(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Cd4mlError(
      'E_USAGE',
      `${flag} must be an integer from ${min} to ${max}, received '${value}'`,
    );
  }
  return n;
}

function workerCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 256) {
    throw new Cd4mlError(
      'E_USAGE',
      `--workers must be 'auto' or an integer from 1 to 256, received '${value}'`,
    );
  }
  return n;
}

function bytes(flag: string, value: string): number {
  const m = /^(\d+)\s*(b|kb|mb|kib|mib)?$/i.exec(value.trim());
  if (!m)
    throw new Cd4mlError(
      'E_USAGE',
      `${flag} must be a size such as 8mb or 1048576, received '${value}'`,
    );
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  return Number(m[1]) * factor;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
function level(value: string): string {
  if (!LEVELS.includes(value))
    throw new Cd4mlError(
      'E_USAGE',
      `--log-level must be one of ${LEVELS.join(', ')}, received '${value}'`,
    );
  return value;
}

/** The server's options from the command line, the platform's environment (Vertex AI, Azure ML, SageMaker) and defaults. */
export function serveOptionsOf(
  repository: string | undefined,
  flags: ServeFlags,
  command: Command,
): Omit<ServeOptions, 'verifyManifest'> {
  const platform = resolvePlatform(
    {
      repository,
      port:
        command.getOptionValueSource('port') === 'cli'
          ? int('--port', flags.port, 0, 65535)
          : undefined,
      healthRoutes: flags.healthRoute,
      predictRoutes: flags.predictRoute,
    },
    process.env,
  );
  const repo = platform.repository ?? process.env.MODEL_REPOSITORY;
  if (!repo) {
    throw new Cd4mlError('E_USAGE', 'no model given', {
      hint: 'cd4ml serve model.onnx, or cd4ml serve ./models (laid out as <name>/<version>/model.onnx)',
    });
  }
  const auto = flags.workers === 'auto' ? availableCpus() : undefined;
  const workers = auto ? auto.cpus : workerCount(flags.workers);
  const port = platform.port ?? int('--port', flags.port, 0, 65535);
  const grpcPort =
    flags.grpcPort === undefined ? undefined : int('--grpc-port', flags.grpcPort, 0, 65535);
  if (grpcPort !== undefined && grpcPort !== 0 && grpcPort === port) {
    // Its default is $CD4ML_GRPC_PORT, which the image sets to 8500.
    const fromEnv =
      command.getOptionValueSource('grpcPort') !== 'cli' && process.env.CD4ML_GRPC_PORT;
    const from = fromEnv ? ' ($CD4ML_GRPC_PORT)' : '';
    throw new Cd4mlError('E_USAGE', `--grpc-port ${grpcPort}${from} is the REST port too`, {
      hint: `REST and gRPC each need a port of their own: give --grpc-port${from ? ' or $CD4ML_GRPC_PORT' : ''} another one`,
    });
  }
  return {
    repository: repo,
    port,
    host: flags.host,
    pollIntervalMs: int('--poll', flags.poll, 0, 3_600_000),
    settleMs: int('--settle', flags.settle, 0, 3_600_000),
    bodyLimit: bytes('--max-body', flags.maxBody),
    logLevel: level(flags.logLevel),
    accessLog: flags.accessLog ?? false,
    intraOpThreads: int('--intra-op-threads', flags.intraOpThreads, 1, 256),
    mlflowModel: flags.mlflowModel,
    modelName: flags.modelName,
    drainSeconds: int('--drain', flags.drain, 0, 3600),
    grpcPort,
    healthRoutes: platform.healthRoutes,
    predictRoutes: platform.predictRoutes,
    shadow: shadowOf(flags),
    platform: platform.platform,
    platformNote: platform.note,
    workers,
    workersSource: auto ? `--workers auto: ${auto.source}` : `--workers ${workers}`,
  };
}
