/**
 * Shadow options — from `--shadow <model>:<version>` or a model's `config.yaml` `shadow:` entry,
 * one shape for both — apart from serving/shadow.ts so the CLI can check them without loading
 * prom-client.
 */
import type { ShadowConfig } from './models/config.js';

export interface ShadowOptions {
  model: string;
  version: number;
  /** Fraction of requests mirrored, 0–1. Default 1. */
  rate?: number;
  /** Requests waiting for the candidate beyond which new ones are dropped. Default 1024. */
  queueLimit?: number;
  /** Scores agree when |a − b| ≤ atol + rtol·|b|. Defaults 1e-6 and 1e-4. */
  atol?: number;
  rtol?: number;
}

/** Parses `--shadow <model>:<version>`. */
export function parseShadowTarget(value: string): { model: string; version: number } | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]{0,127}):(\d{1,15})$/.exec(value);
  return m ? { model: m[1]!, version: Number(m[2]) } : undefined;
}

/**
 * The shadow a model has: `--shadow` when it names this model (the flag wins over the file),
 * else its config's `shadow:` entry. `previous` is returned when nothing changed, so the
 * counts of an unchanged shadow survive the config being re-read on every poll.
 */
export function effectiveShadow(
  model: string,
  flag: ShadowOptions | undefined,
  config: ShadowConfig | undefined,
  previous: ShadowOptions | undefined,
): ShadowOptions | undefined {
  const next: ShadowOptions | undefined =
    flag?.model === model
      ? flag
      : config && {
          model,
          version: config.version,
          rate: config.rate,
          queueLimit: config.queue_limit,
          atol: config.tolerance.atol,
          rtol: config.tolerance.rtol,
        };
  return sameShadow(next, previous) ? previous : next;
}

function sameShadow(a: ShadowOptions | undefined, b: ShadowOptions | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.model === b.model &&
    a.version === b.version &&
    (a.rate ?? 1) === (b.rate ?? 1) &&
    (a.queueLimit ?? 1024) === (b.queueLimit ?? 1024) &&
    (a.atol ?? 1e-6) === (b.atol ?? 1e-6) &&
    (a.rtol ?? 1e-4) === (b.rtol ?? 1e-4)
  );
}
