import { loadModelVersion } from './loader.js';
import type { VersionCandidate } from './repository.js';
import type { ModelEntry, VersionStatus } from './version-status.js';

/**
 * Loading one version beside what serves (a failure leaves the previous files or
 * versions serving), and unloading one once its in-flight requests finish.
 */

export interface RegistryLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What loading needs from the registry's options. */
export interface RegistryLoadOptions {
  intraOpThreads: number;
  logger: RegistryLogger;
  onBatch?: (model: string, version: number, rows: number, queueSeconds: readonly number[]) => void;
  onLoadResult?: (model: string, version: number, ok: boolean) => void;
  /** `--verify-models`: why this file must not load (undefined = it may). */
  verify?: (model: string, version: number, sha256: string) => string | undefined;
}

/** Loads `c` into `m` (a new version as LOADING, a changed one beside the files that serve). */
export async function loadVersion(
  m: ModelEntry,
  c: VersionCandidate,
  opts: RegistryLoadOptions,
  stopped: () => boolean,
): Promise<void> {
  const existing = m.versions.get(c.version);
  // A replacement for a serving version loads beside it; a new version shows up as LOADING.
  const status: VersionStatus = existing?.model
    ? existing
    : { version: c.version, state: 'LOADING', signature: c.signature };
  if (!existing?.model) m.versions.set(c.version, status);
  const started = performance.now();
  opts.logger.info({ model: m.name, version: c.version, file: c.file }, 'loading model version');
  try {
    const model = await loadModelVersion({
      name: m.name,
      version: c.version,
      file: c.file,
      batching: m.config.batching,
      intraOpThreads: opts.intraOpThreads,
      onBatch: opts.onBatch
        ? (rows, waits) => opts.onBatch?.(m.name, c.version, rows, waits)
        : undefined,
      onWarning: (msg) => opts.logger.warn({ model: m.name, version: c.version }, msg),
      verify: opts.verify && ((sha) => opts.verify?.(m.name, c.version, sha)),
    });
    if (stopped()) {
      await model.unload();
      return;
    }
    const old = status.model;
    status.model = model;
    status.state = 'AVAILABLE';
    status.signature = c.signature;
    delete status.error;
    if (old) void old.unload();
    opts.onLoadResult?.(m.name, c.version, true);
    opts.logger.info(
      {
        model: m.name,
        version: c.version,
        ms: Math.round(performance.now() - started),
        batching: model.batching,
        inputs: model.inputs,
        outputs: model.outputs,
      },
      old
        ? 'model version reloaded and warmed: now serving the new files'
        : 'model version loaded and warmed: now serving',
    );
  } catch (err) {
    const error = (err as Error).message;
    opts.onLoadResult?.(m.name, c.version, false);
    if (status.model) {
      // The files of a serving version changed into something broken: keep serving what we have.
      status.error = `reload failed, still serving the previous files: ${error}`;
      opts.logger.error(
        { model: m.name, version: c.version, err: error },
        'model version reload failed: previous files keep serving',
      );
      status.signature = c.signature;
    } else {
      status.state = 'END';
      status.error = error;
      status.signature = c.signature;
      opts.logger.error(
        { model: m.name, version: c.version, err: error },
        'model version failed to load: previous versions keep serving',
      );
    }
  }
}

export function unloadLater(m: ModelEntry, v: VersionStatus, logger: RegistryLogger): void {
  const model = v.model;
  v.state = 'UNLOADING';
  delete v.model;
  if (!model) return;
  model
    .unload()
    .then(() => logger.info({ model: m.name, version: v.version }, 'model version unloaded'))
    .catch((err: unknown) =>
      logger.error({ model: m.name, version: v.version, err }, 'model version unload failed'),
    );
}
