import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  parseReleaseManifest,
  RELEASE_MANIFEST_FILE,
  type ReleaseManifest,
} from '../core/deploy/release-manifest.js';
import { Cd4mlError } from '../core/errors.js';
import { availableCpus } from './available-cpus.js';
import { onnxProblem } from './onnx-file.js';
import { resolvePlatform } from './platforms.js';
import { parseShadowTarget } from './shadow-target.js';
import type { ShadowOptions } from './shadow-target.js';

interface ServeFlags {
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

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function shadowOf(flags: ServeFlags): ShadowOptions | undefined {
  if (flags.shadow === undefined) return undefined;
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

/**
 * Bad input exits 2 before anything starts: a path that does not exist, or a single
 * file that is not an ONNX model (a server for it would stay unready forever). A
 * repository directory is watched instead: its versions come and go while it serves.
 */
function checkModelPath(repo: string): void {
  const stats = statSync(repo, { throwIfNoEntry: false });
  if (!stats) {
    throw new Cd4mlError('E_USAGE', `${repo} does not exist`, {
      hint: 'pass a model.onnx file or a directory laid out as <name>/<version>/model.onnx',
    });
  }
  if (!stats.isFile()) return;
  const problem = onnxProblem(repo, stats.size);
  if (problem) {
    throw new Cd4mlError('E_MODEL', `${repo} is not an ONNX model: ${problem}`, {
      hint: 'export the model to ONNX (e.g. skl2onnx, torch.onnx.export) and serve the .onnx file',
    });
  }
}

/** `--verify-models [manifest]`: the release manifest (default: the repository's own), read and checked at start. */
function verifyManifest(
  repo: string,
  flag: string | true | undefined,
): ReleaseManifest | undefined {
  if (flag === undefined) return undefined;
  const file = flag === true ? join(repo, RELEASE_MANIFEST_FILE) : flag;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Cd4mlError('E_USAGE', `--verify-models: cannot read ${file}`, {
      hint: `pass the release's ${RELEASE_MANIFEST_FILE} (--verify-models path/to/${RELEASE_MANIFEST_FILE}); the release action writes it at the root of the model repository`,
      cause: error,
    });
  }
  return parseReleaseManifest(text, file);
}

/** `cd4ml serve <model.onnx | repository>`: TF Serving REST, KServe V2 and MLflow scoring on one port; gRPC on another with --grpc-port. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Serve ONNX models over TF Serving REST, KServe V2 and MLflow scoring APIs (one port), and KServe V2 / TF Serving gRPC with --grpc-port',
    )
    .argument(
      '[repository]',
      'a model.onnx file, or a directory <name>/<version>/model.onnx (default: $MODEL_REPOSITORY)',
    )
    .option('-p, --port <port>', 'port to listen on', process.env.PORT ?? '8501')
    .option('--host <host>', 'address to bind', '0.0.0.0')
    .option('--poll <ms>', 'hot-reload poll interval in ms (0 = off)', '2000')
    .option(
      '--settle <ms>',
      'a new version directory must be unchanged this long before it loads',
      '1000',
    )
    .option('--max-body <size>', 'largest request body (413 beyond)', '8mb')
    .option(
      '--log-level <level>',
      'JSON log level: fatal, error, warn, info, debug, trace, silent',
      'info',
    )
    .option('--access-log', 'log every request (two JSON lines each)')
    .option('--intra-op-threads <n>', 'onnxruntime threads per session', '1')
    .option(
      '--mlflow-model <name>',
      'the model /invocations scores when the repository has several',
    )
    .option('--model-name <name>', 'model name when serving a single file', 'model')
    .option(
      '--workers <n|auto>',
      'server processes sharing the port (node:cluster); auto = the CPUs this process may use (cgroup CPU limit, else CPU affinity); 1 = one process',
      process.env.CD4ML_WORKERS ?? 'auto',
    )
    .option(
      '--grpc-port <port>',
      'also serve gRPC on this port: KServe V2 GRPCInferenceService, TF Serving PredictionService and ModelService, health, reflection (off unless given)',
      process.env.CD4ML_GRPC_PORT,
    )
    .option(
      '--drain <seconds>',
      'after SIGTERM, report not ready and keep serving this long before closing',
      '0',
    )
    .option(
      '--verify-models [manifest]',
      `load only model files whose sha256 the release manifest lists (default: <repository>/${RELEASE_MANIFEST_FILE})`,
    )
    .option(
      '--shadow <model:version>',
      'mirror requests to <model> to this candidate version, off the response path (agreement, latency and errors on /metrics and /shadow)',
    )
    .option('--shadow-rate <fraction>', 'fraction of requests mirrored with --shadow', '1')
    .option(
      '--health-route <path>',
      'also answer readiness on this GET path (Azure ML probes; Vertex AI sets AIP_HEALTH_ROUTE); repeatable',
      collect,
      [],
    )
    .option(
      '--predict-route <path>',
      'also score {"instances": [...]} on this POST path (Azure ML scoring; Vertex AI sets AIP_PREDICT_ROUTE); repeatable',
      collect,
      [],
    )
    .action(async (repository: string | undefined, flags: ServeFlags, command: Command) => {
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
      const options = {
        repository: repo,
        port: platform.port ?? int('--port', flags.port, 0, 65535),
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
        grpcPort:
          flags.grpcPort === undefined ? undefined : int('--grpc-port', flags.grpcPort, 0, 65535),
        healthRoutes: platform.healthRoutes,
        predictRoutes: platform.predictRoutes,
        shadow: shadowOf(flags),
        platform: platform.platform,
        workers,
        workersSource: auto ? `--workers auto: ${auto.source}` : `--workers ${workers}`,
      };
      checkModelPath(repo);
      const verify = verifyManifest(repo, flags.verifyModels);
      // Heavy imports (fastify, onnxruntime) only when serving, so other commands start fast.
      const { serve } = await import('./server.js');
      process.exitCode = await serve({ ...options, verifyManifest: verify });
    });
}
