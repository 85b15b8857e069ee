import { readdirSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import { Cd4mlError } from '../core/errors.js';

/**
 * How each platform starts the one image, read from its arguments and environment:
 *
 * - SageMaker runs `docker run <image> serve`: the model is under /opt/ml/model, the port is
 *   8080 unless `SAGEMAKER_BIND_TO_PORT` says otherwise; it calls GET /ping and
 *   POST /invocations (the MLflow routes, with CSV and `X-Amzn-SageMaker-Target-Model`).
 * - Vertex AI sets `AIP_HTTP_PORT`, `AIP_HEALTH_ROUTE` and `AIP_PREDICT_ROUTE`; the predict
 *   route takes `{"instances": [...], "parameters": {...}}` and answers `{"predictions": [...]}`.
 *   `AIP_STORAGE_URI` is where the model's artifacts are: Vertex AI sets a gs:// copy (not
 *   downloaded: the model is baked into the image, $MODEL_REPOSITORY), while a local directory
 *   (mounted, as Google's own prediction server also reads one) is served.
 * - Azure ML online endpoints set `AZUREML_MODEL_DIR` (the registered model's directory); the
 *   liveness, readiness and scoring routes are whatever the deployment names, given here by
 *   `--health-route` / `--predict-route` (or `CD4ML_HEALTH_ROUTE` / `CD4ML_PREDICT_ROUTE`).
 * - Cloud Run and Knative set `PORT`, which is already --port's default.
 * A flag given on the command line wins over all of these.
 */

export interface PlatformSettings {
  /** The platform recognised, for the start-up log. */
  platform: 'sagemaker' | 'vertex' | 'azureml' | undefined;
  /** What the start-up log should add about where the model comes from. */
  note?: string;
  repository: string | undefined;
  port: number | undefined;
  healthRoutes: string[];
  predictRoutes: string[];
}

/** What the command line gave: undefined for a flag left at its default. */
export interface GivenFlags {
  repository: string | undefined;
  port: number | undefined;
  healthRoutes: string[];
  predictRoutes: string[];
}

const SAGEMAKER_MODEL_DIR = '/opt/ml/model';

const isFile = (path: string): boolean =>
  statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

/** A directory's entries; none when it is missing or unreadable (the repository then says why). */
function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * The model file at a directory's top: `model.onnx`, else its one `*.onnx` file (Azure ML
 * mounts a model registered as a file under that file's own name, `$AZUREML_MODEL_DIR/iris.onnx`;
 * a tarball of one file unpacks the same way). Several `*.onnx` and no `model.onnx` is ambiguous.
 */
function modelFileIn(dir: string, source: string): string | undefined {
  if (isFile(join(dir, 'model.onnx'))) return join(dir, 'model.onnx');
  const files = entriesOf(dir)
    .map((e) => e.name)
    .filter((name) => name.endsWith('.onnx') && isFile(join(dir, name)))
    .sort();
  if (files.length > 1)
    throw new Cd4mlError(
      'E_USAGE',
      `${source} (${dir}) has several model files and no model.onnx: ${files.slice(0, 5).join(', ')}`,
      {
        hint: 'register one .onnx file, name the one to serve model.onnx, or lay the directory out as <name>/<version>/model.onnx',
      },
    );
  return files.length === 1 ? join(dir, files[0]!) : undefined;
}

/**
 * A platform's model directory as a repository: SageMaker unpacks model.tar.gz into
 * /opt/ml/model and Azure ML mounts the registered files, so a model file at the top is
 * served as the one model. A registered folder lands one level down (Azure ML mounts folder
 * `model/` as `$AZUREML_MODEL_DIR/model/`; a tarball of a folder unpacks the same way): the
 * only entry being a directory with a model file at its top serves that file. Otherwise the
 * directory is a `<name>/<version>/model.onnx` repository.
 */
function modelIn(dir: string, source: string): string {
  const top = modelFileIn(dir, source);
  if (top !== undefined) return top;
  const entries = entriesOf(dir);
  const only = entries.length === 1 && entries[0]!.isDirectory() ? entries[0]!.name : undefined;
  return (only !== undefined ? modelFileIn(join(dir, only), source) : undefined) ?? dir;
}
const ROUTE = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,500}$/;

function portFrom(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n < 1 || n > 65535)
    throw new Cd4mlError('E_USAGE', `${name} must be a port from 1 to 65535, received '${value}'`);
  return n;
}

function route(name: string, value: string): string {
  if (!ROUTE.test(value))
    throw new Cd4mlError(
      'E_USAGE',
      `${name} must be a URL path starting with '/', received '${value.slice(0, 64)}'`,
    );
  return value;
}

function listFrom(name: string, value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  return value.split(',').map((r) => route(name, r.trim()));
}

/** Vertex AI's AIP_STORAGE_URI: a local directory is the model; a gs:// (or other URL) copy is not read. */
function vertexStorage(uri: string | undefined): { repository?: string; note?: string } {
  if (uri === undefined || uri === '') return {};
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(uri))
    return { repository: modelIn(uri, 'AIP_STORAGE_URI') };
  return {
    note: `AIP_STORAGE_URI ${uri.slice(0, 200)} is not downloaded (only a local directory is read): serving the model baked into the image or named on the command line`,
  };
}

export function resolvePlatform(given: GivenFlags, env: NodeJS.ProcessEnv): PlatformSettings {
  const healthRoutes = [
    ...given.healthRoutes.map((r) => route('--health-route', r)),
    ...listFrom('CD4ML_HEALTH_ROUTE', env.CD4ML_HEALTH_ROUTE),
  ];
  const predictRoutes = [
    ...given.predictRoutes.map((r) => route('--predict-route', r)),
    ...listFrom('CD4ML_PREDICT_ROUTE', env.CD4ML_PREDICT_ROUTE),
  ];
  if (given.repository === 'serve') {
    const port = env.SAGEMAKER_BIND_TO_PORT;
    return {
      platform: 'sagemaker',
      // CD4ML_SAGEMAKER_MODEL_DIR: the same start-up outside SageMaker (local runs, tests).
      repository: modelIn(
        env.CD4ML_SAGEMAKER_MODEL_DIR ?? SAGEMAKER_MODEL_DIR,
        env.CD4ML_SAGEMAKER_MODEL_DIR
          ? 'CD4ML_SAGEMAKER_MODEL_DIR'
          : 'the SageMaker model directory',
      ),
      port: given.port ?? (port ? portFrom('SAGEMAKER_BIND_TO_PORT', port) : 8080),
      healthRoutes,
      predictRoutes,
    };
  }
  if (env.AIP_HTTP_PORT !== undefined) {
    const storage = vertexStorage(env.AIP_STORAGE_URI);
    return {
      platform: 'vertex',
      repository: given.repository ?? storage.repository,
      ...(storage.note === undefined ? {} : { note: storage.note }),
      port: given.port ?? portFrom('AIP_HTTP_PORT', env.AIP_HTTP_PORT),
      healthRoutes: [...healthRoutes, ...listFrom('AIP_HEALTH_ROUTE', env.AIP_HEALTH_ROUTE)],
      predictRoutes: [...predictRoutes, ...listFrom('AIP_PREDICT_ROUTE', env.AIP_PREDICT_ROUTE)],
    };
  }
  if (env.AZUREML_MODEL_DIR !== undefined && env.AZUREML_MODEL_DIR !== '') {
    return {
      platform: 'azureml',
      repository: given.repository ?? modelIn(env.AZUREML_MODEL_DIR, 'AZUREML_MODEL_DIR'),
      port: given.port,
      healthRoutes,
      predictRoutes,
    };
  }
  return {
    platform: undefined,
    repository: given.repository,
    port: given.port,
    healthRoutes,
    predictRoutes,
  };
}
