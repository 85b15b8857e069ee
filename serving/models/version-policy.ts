import type { ModelConfig } from './config.js';

/** The versions a policy wants among `available` version numbers. */
export function select(config: ModelConfig, available: readonly number[]): Set<number> {
  const policy = config.version_policy;
  const sorted = [...new Set(available)].sort((a, b) => b - a);
  if ('latest' in policy) return new Set(sorted.slice(0, policy.latest));
  if ('all' in policy) return new Set(sorted);
  const specific = new Set(policy.specific);
  return new Set(sorted.filter((v) => specific.has(v)));
}
