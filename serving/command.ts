import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  parseReleaseManifest,
  RELEASE_MANIFEST_FILE,
  type ReleaseManifest,
} from '../core/deploy/release-manifest.js';
import { Cd4mlError } from '../core/errors.js';
import { serveOptionsOf } from './serve-flags.js';
import type { ServeFlags } from './serve-flags.js';
import { onnxProblem } from './onnx-file.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

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

/** `cd4ml serve`'s options, in --help order: [flags, description, default]; a `[]` default makes it repeatable. */
function serveOptionTable(): [
  flags: string,
  description: string,
  defaultValue?: string | string[],
][] {
  // Built per registration: defaults read the environment (PORT, CD4ML_WORKERS, CD4ML_GRPC_PORT) then.
  return [
    ['-p, --port <port>', 'port to listen on', process.env.PORT ?? '8501'],
    ['--host <host>', 'address to bind', '0.0.0.0'],
    ['--poll <ms>', 'hot-reload poll interval in ms (0 = off)', '2000'],
    [
      '--settle <ms>',
      'a new version directory must be unchanged this long before it loads',
      '1000',
    ],
    ['--max-body <size>', 'largest request body (413 beyond)', '8mb'],
    [
      '--log-level <level>',
      'JSON log level: fatal, error, warn, info, debug, trace, silent',
      'info',
    ],
    ['--access-log', 'log every request (two JSON lines each)'],
    ['--intra-op-threads <n>', 'onnxruntime threads per session', '1'],
    ['--mlflow-model <name>', 'the model /invocations scores when the repository has several'],
    ['--model-name <name>', 'model name when serving a single file', 'model'],
    [
      '--workers <n|auto>',
      'server processes sharing the port (node:cluster); auto = the CPUs this process may use (cgroup CPU limit, else CPU affinity); 1 = one process',
      process.env.CD4ML_WORKERS ?? 'auto',
    ],
    [
      '--grpc-port <port>',
      'also serve gRPC on this port: KServe V2 GRPCInferenceService, TF Serving PredictionService and ModelService, health, reflection (off unless given)',
      process.env.CD4ML_GRPC_PORT,
    ],
    [
      '--drain <seconds>',
      'after SIGTERM, report not ready and keep serving this long before closing',
      '0',
    ],
    [
      '--verify-models [manifest]',
      `load only model files whose sha256 the release manifest lists (default: <repository>/${RELEASE_MANIFEST_FILE})`,
    ],
    [
      '--shadow <model:version>',
      'mirror requests to <model> to this candidate version, off the response path (agreement, latency and errors on /metrics and /shadow); a model config.yaml shadow: entry does the same',
    ],
    ['--shadow-rate <fraction>', 'fraction of requests mirrored with --shadow', '1'],
    [
      '--health-route <path>',
      'also answer readiness on this GET path (Azure ML probes; Vertex AI sets AIP_HEALTH_ROUTE); repeatable',
      [],
    ],
    [
      '--predict-route <path>',
      'also score {"instances": [...]} on this POST path (Azure ML scoring; Vertex AI sets AIP_PREDICT_ROUTE); repeatable',
      [],
    ],
  ];
}

/** `cd4ml serve <model.onnx | repository>`: TF Serving REST, KServe V2 and MLflow scoring on one port; gRPC on another with --grpc-port. */
export function registerServe(program: Command): void {
  const serveCommand = program
    .command('serve')
    .description(
      'Serve ONNX models over TF Serving REST, KServe V2 and MLflow scoring APIs (one port), and KServe V2 / TF Serving gRPC with --grpc-port',
    )
    .argument(
      '[repository]',
      'a model.onnx file, or a directory <name>/<version>/model.onnx (default: $MODEL_REPOSITORY)',
    );
  for (const [flags, description, defaultValue] of serveOptionTable()) {
    if (Array.isArray(defaultValue)) serveCommand.option(flags, description, collect, defaultValue);
    else serveCommand.option(flags, description, defaultValue);
  }
  serveCommand.action(
    async (repository: string | undefined, flags: ServeFlags, command: Command) => {
      const options = serveOptionsOf(repository, flags, command);
      const repo = options.repository;
      checkModelPath(repo);
      const verify = verifyManifest(repo, flags.verifyModels);
      // Heavy imports (fastify, onnxruntime) only when serving, so other commands start fast.
      const { serve } = await import('./server.js');
      process.exitCode = await serve({ ...options, verifyManifest: verify });
    },
  );
}
