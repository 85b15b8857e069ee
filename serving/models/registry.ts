import { NotFound, Unavailable } from '../http-error.js';
import { DEFAULT_MODEL_CONFIG, readModelConfig } from './config.js';
import { loadVersion, unloadLater } from './load-version.js';
import type { RegistryLoadOptions } from './load-version.js';
import type { ModelVersion } from './loader.js';
import { scanRepository } from './repository.js';
import type { ModelCandidate, RepositorySource, VersionCandidate } from './repository.js';
import { effectiveShadow } from '../shadow-target.js';
import type { ShadowOptions } from '../shadow-target.js';
import { select } from './version-policy.js';
import type { ModelEntry, VersionStatus } from './version-status.js';

/**
 * Which model versions are loaded, and keeping that in step with the repository
 * on disk (hot reload). One reconcile pass at a time:
 *
 * 1. scan the repository; a version directory counts only once it is *stable*:
 *    its listing (names, sizes, mtimes) is unchanged since the previous poll and
 *    nothing in it changed for `settleMs` — a half-copied directory is never loaded;
 * 2. load and warm the versions the version policy wants, while the old ones keep serving;
 * 3. only then switch traffic (the highest AVAILABLE version is "latest") and
 *    unload what the policy no longer wants, after its in-flight requests finish.
 *
 * A version that fails to load is reported (state END with its error, in the logs
 * and the status APIs) and not retried until its files change; the previous
 * version keeps serving.
 */

export interface RegistryOptions extends RegistryLoadOptions {
  /** 0 disables polling (the repository is read once). */
  pollIntervalMs: number;
  /** How long a version directory must be unchanged before it is loaded. */
  settleMs: number;
  /** Name of the model when the repository is a single file. */
  singleModelName: string;
  /** `--shadow`, which wins over its model's config `shadow:`; a candidate never serves as latest. */
  shadow?: ShadowOptions;
}

export class ModelRegistry {
  private readonly models = new Map<string, ModelEntry>();
  private readonly seen = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private initialDone = false;
  private stopped = false;
  private draining = false;

  constructor(
    private readonly source: RepositorySource,
    private readonly opts: RegistryOptions,
  ) {}

  /** Loads what is there (and stable) now, then polls. */
  async start(): Promise<void> {
    await this.reconcile();
    this.initialDone = true;
    if (this.opts.pollIntervalMs > 0 && !this.stopped) {
      this.timer = setInterval(() => void this.reconcile(), this.opts.pollIntervalMs);
      this.timer.unref();
    }
  }

  /** True when the first load finished and every model has a version that can take traffic. */
  get ready(): boolean {
    if (!this.initialDone || this.stopped || this.draining || this.models.size === 0) return false;
    for (const m of this.models.values()) if (!this.latest(m)) return false;
    return true;
  }

  /** Shutting down: readiness turns false while requests are still served. */
  markDraining(): void {
    this.draining = true;
  }

  entries(): ModelEntry[] {
    return [...this.models.values()];
  }

  entry(name: string): ModelEntry {
    const m = this.models.get(name);
    if (!m)
      throw new NotFound(
        `Servable not found for request: model '${clip(name)}' is not in the repository`,
      );
    return m;
  }

  /**
   * Picks the version for a request and marks it in flight; the caller must
   * `release()` it. Unknown model/version/label → 404; known but not loaded yet → 503.
   */
  acquire(name: string, version?: number, label?: string): ModelVersion {
    const m = this.entry(name);
    const wanted = label === undefined ? version : this.labelled(m, label);
    if (wanted === undefined) {
      const model = this.latest(m);
      if (!model) throw new Unavailable(`model '${m.name}' has no version ready to serve yet`);
      model.acquire();
      return model;
    }
    const v = m.versions.get(wanted);
    if (!v || v.state === 'END' || v.state === 'UNLOADING') {
      throw new NotFound(
        `Servable not found for request: model '${m.name}' version ${wanted} is not available`,
      );
    }
    if (v.state !== 'AVAILABLE' || !v.model)
      throw new Unavailable(`model '${m.name}' version ${wanted} is ${v.state.toLowerCase()}`);
    v.model.acquire();
    return v.model;
  }

  /** The version a TF Serving label names in the model's config; an unknown label is a 404. */
  labelled(m: ModelEntry, label: string): number {
    const version = Object.hasOwn(m.config.labels, label) ? m.config.labels[label] : undefined;
    if (version === undefined)
      throw new NotFound(`model '${m.name}' has no version label '${clip(label)}'`);
    return version;
  }

  /** The highest AVAILABLE version of a model (never the shadow candidate). */
  latest(m: ModelEntry): ModelVersion | undefined {
    const shadow = this.shadowOf(m);
    let best: VersionStatus | undefined;
    for (const v of m.versions.values())
      if (
        v.state === 'AVAILABLE' &&
        v.model &&
        v.version !== shadow &&
        (!best || v.version > best.version)
      )
        best = v;
    return best?.model;
  }

  private shadowOf(m: ModelEntry): number | undefined {
    return m.shadow?.version;
  }

  /** The shadow of a model (`--shadow` or its config), the same object until it changes; per request. */
  shadowOptions(name: string): ShadowOptions | undefined {
    return this.models.get(name)?.shadow;
  }

  /** The policy's versions among `available`, plus the shadow candidate when it is there. */
  private pick(m: ModelEntry, available: readonly number[]): Set<number> {
    const shadow = this.shadowOf(m);
    const chosen = select(
      m.config,
      available.filter((v) => v !== shadow),
    );
    if (shadow !== undefined && available.includes(shadow)) chosen.add(shadow);
    return chosen;
  }

  /** One pass of scan → load → switch → unload. Concurrent calls share the running pass. */
  reconcile(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.pass()
      .catch((err: unknown) => this.opts.logger.error({ err }, 'model repository poll failed'))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    const unloads: Promise<void>[] = [];
    for (const m of this.models.values()) {
      for (const v of m.versions.values()) {
        if (v.model) unloads.push(v.model.unload());
        v.state = 'END';
        delete v.model;
      }
    }
    await Promise.all(unloads);
  }

  private async pass(): Promise<void> {
    const scanned = await scanRepository(this.source, this.opts.singleModelName);
    const names = new Set(scanned.map((m) => m.name));
    for (const candidate of scanned) {
      if (this.stopped) return;
      await this.reconcileModel(candidate);
    }
    for (const [name, m] of this.models) {
      if (names.has(name)) continue;
      this.opts.logger.info({ model: name }, 'model removed from the repository: unloading');
      this.models.delete(name);
      for (const v of m.versions.values()) unloadLater(m, v, this.opts.logger);
    }
  }

  private async reconcileModel(candidate: ModelCandidate): Promise<void> {
    let m = this.models.get(candidate.name);
    if (!m) {
      m = { name: candidate.name, config: DEFAULT_MODEL_CONFIG, versions: new Map() };
      this.models.set(m.name, m);
    }
    await this.refreshConfig(m, candidate.configFile);
    const now = Date.now();
    const stable: VersionCandidate[] = [];
    for (const c of candidate.versions) {
      const key = `${m.name}/${c.version}`;
      const previous = this.seen.get(key);
      this.seen.set(key, c.signature);
      if (c.problem) continue;
      const settled = now - c.newestMtimeMs >= this.opts.settleMs;
      if (settled && (previous === c.signature || !this.initialDone)) stable.push(c);
    }
    // Versions whose directory is gone.
    const present = new Set(candidate.versions.map((c) => c.version));
    for (const v of m.versions.values()) {
      if (!present.has(v.version)) {
        this.seen.delete(`${m.name}/${v.version}`);
        if (v.model)
          this.opts.logger.info(
            { model: m.name, version: v.version },
            'version removed from the repository: unloading',
          );
        unloadLater(m, v, this.opts.logger);
        m.versions.delete(v.version);
      }
    }
    const usable = (c: VersionCandidate): boolean => {
      const v = m.versions.get(c.version);
      // Failed with these very files: wait for them to change before trying again.
      return !(v?.state === 'END' && v.error !== undefined && v.signature === c.signature);
    };
    const wanted = this.pick(
      m,
      stable.filter(usable).map((c) => c.version),
    );
    for (const c of stable) {
      if (!wanted.has(c.version) || this.stopped) continue;
      const current = m.versions.get(c.version);
      if (current?.model && current.signature === c.signature) continue;
      if (current?.state === 'END' && current.signature === c.signature) continue;
      await loadVersion(m, c, this.opts, () => this.stopped);
    }
    // Re-select now that failures are known, so a broken newest version leaves the previous one serving.
    const loadedVersions = [...m.versions.values()]
      .filter((v) => v.state === 'AVAILABLE')
      .map((v) => v.version);
    const keep = this.pick(m, loadedVersions);
    for (const v of m.versions.values()) {
      if (v.model && v.state === 'AVAILABLE' && !keep.has(v.version)) {
        this.opts.logger.info(
          { model: m.name, version: v.version },
          'version no longer wanted by the version policy: unloading',
        );
        unloadLater(m, v, this.opts.logger);
        m.versions.delete(v.version);
      }
    }
  }

  private async refreshConfig(m: ModelEntry, file: string | undefined): Promise<void> {
    await this.readConfig(m, file);
    const shadow = effectiveShadow(m.name, this.opts.shadow, m.config.shadow, m.shadow);
    if (shadow === m.shadow) return;
    m.shadow = shadow;
    this.opts.logger.info(
      {
        model: m.name,
        shadow: shadow ?? null,
        from: shadow === this.opts.shadow ? '--shadow' : file,
      },
      shadow ? 'shadow traffic to a candidate version' : 'shadow traffic stopped',
    );
  }

  private async readConfig(m: ModelEntry, file: string | undefined): Promise<void> {
    if (!file) {
      m.config = DEFAULT_MODEL_CONFIG;
      delete m.configError;
      return;
    }
    try {
      m.config = await readModelConfig(file);
      delete m.configError;
    } catch (err) {
      const message = (err as Error).message;
      if (m.configError !== message)
        this.opts.logger.error(
          { model: m.name, file, err: message },
          'invalid model config: keeping the previous one',
        );
      m.configError = message;
    }
  }
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
