import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/reproduce/verdict.ts
function compareRuns(recorded, reproduced, options) {
  const was = allMetrics(recorded);
  const now = allMetrics(reproduced);
  const metrics = [];
  for (const name of [.../* @__PURE__ */ new Set([...was.keys(), ...now.keys()])].sort()) {
    const a = was.get(name) ?? null;
    const b = now.get(name) ?? null;
    const delta = a === null || b === null ? null : b - a;
    metrics.push({
      name,
      recorded: a,
      reproduced: b,
      delta,
      matches: within(a, b, options.tolerance)
    });
  }
  const outs = [];
  for (const [stage, result] of Object.entries(recorded.stages)) {
    for (const [path, hash] of Object.entries(result.outs ?? {})) {
      const again = reproduced.stages[stage]?.outs?.[path] ?? null;
      outs.push({ stage, path, recorded: hash, reproduced: again, matches: again === hash });
    }
  }
  const matches = reproduced.status === recorded.status && metrics.every((m) => m.matches) && (options.metricsOnly || outs.every((o) => o.matches));
  return {
    matches,
    metrics,
    outs,
    outsCompared: !options.metricsOnly,
    status: { recorded: recorded.status, reproduced: reproduced.status }
  };
}
function allMetrics(record) {
  const metrics = new Map(Object.entries(record.metrics));
  for (const [name, candidate] of Object.entries(record.candidates)) {
    for (const [metric, value] of Object.entries(candidate.metrics))
      metrics.set(`candidates.${name}.${metric}`, value);
  }
  return metrics;
}
function within(a, b, tolerance) {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  const allowed = tolerance.kind === "absolute" ? tolerance.value : Math.abs(a) * tolerance.value;
  return Math.abs(b - a) <= allowed;
}
function parseTolerance(text) {
  const relative = /^(\d+(?:\.\d+)?(?:e-?\d+)?)%$/i.exec(text.trim());
  if (relative) return { kind: "relative", value: Number(relative[1]) / 100 };
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value) && value >= 0 ? { kind: "absolute", value } : null;
}

export {
  compareRuns,
  parseTolerance
};
//# sourceMappingURL=chunk-IYYCK7PN.js.map
