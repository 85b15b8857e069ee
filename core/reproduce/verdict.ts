import type { RunRecord } from '../run-record/schema.js';

/** How close a reproduced metric must be: absolute, or relative to the recorded value. */
export type Tolerance = { kind: 'absolute'; value: number } | { kind: 'relative'; value: number };

export interface MetricCheck {
  name: string;
  recorded: number | null;
  reproduced: number | null;
  /** reproduced − recorded; null when either is missing. */
  delta: number | null;
  matches: boolean;
}

export interface OutCheck {
  stage: string;
  path: string;
  recorded: string | null;
  reproduced: string | null;
  matches: boolean;
}

export interface Verdict {
  matches: boolean;
  metrics: MetricCheck[];
  outs: OutCheck[];
  /** False with `metricsOnly`: the outs are listed but do not decide `matches`. */
  outsCompared: boolean;
  /** The reproduction's own status (a stage that failed makes it differ). */
  status: { recorded: RunRecord['status']; reproduced: RunRecord['status'] };
}

/**
 * Compares a reproduction with the record it reproduces: every metric (top level and per
 * candidate, `candidates.<name>.<metric>`) within `tolerance`, and, unless `metricsOnly`,
 * every stage out's content hash exactly.
 */
export function compareRuns(
  recorded: RunRecord,
  reproduced: RunRecord,
  options: { tolerance: Tolerance; metricsOnly: boolean },
): Verdict {
  const was = allMetrics(recorded);
  const now = allMetrics(reproduced);
  const metrics: MetricCheck[] = [];
  for (const name of [...new Set([...was.keys(), ...now.keys()])].sort()) {
    const a = was.get(name) ?? null;
    const b = now.get(name) ?? null;
    const delta = a === null || b === null ? null : b - a;
    metrics.push({
      name,
      recorded: a,
      reproduced: b,
      delta,
      matches: within(a, b, options.tolerance),
    });
  }
  const outs: OutCheck[] = [];
  for (const [stage, result] of Object.entries(recorded.stages)) {
    for (const [path, hash] of Object.entries(result.outs ?? {})) {
      const again = reproduced.stages[stage]?.outs?.[path] ?? null;
      outs.push({ stage, path, recorded: hash, reproduced: again, matches: again === hash });
    }
  }
  const matches =
    reproduced.status === recorded.status &&
    metrics.every((m) => m.matches) &&
    (options.metricsOnly || outs.every((o) => o.matches));
  return {
    matches,
    metrics,
    outs,
    outsCompared: !options.metricsOnly,
    status: { recorded: recorded.status, reproduced: reproduced.status },
  };
}

function allMetrics(record: RunRecord): Map<string, number> {
  const metrics = new Map(Object.entries(record.metrics));
  for (const [name, candidate] of Object.entries(record.candidates)) {
    for (const [metric, value] of Object.entries(candidate.metrics))
      metrics.set(`candidates.${name}.${metric}`, value);
  }
  return metrics;
}

function within(a: number | null, b: number | null, tolerance: Tolerance): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  const allowed = tolerance.kind === 'absolute' ? tolerance.value : Math.abs(a) * tolerance.value;
  return Math.abs(b - a) <= allowed;
}

/** `--tolerance`: a number (absolute, `1e-6`) or a percentage (relative, `0.5%`); null when neither. */
export function parseTolerance(text: string): Tolerance | null {
  const relative = /^(\d+(?:\.\d+)?(?:e-?\d+)?)%$/i.exec(text.trim());
  if (relative) return { kind: 'relative', value: Number(relative[1]) / 100 };
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= 0
    ? { kind: 'absolute', value }
    : null;
}
