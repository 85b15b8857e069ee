/** `--shadow` options, apart from serving/shadow.ts so the CLI can check them without loading prom-client. */

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
