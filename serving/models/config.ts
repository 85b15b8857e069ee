import { readFile } from 'node:fs/promises';
import { YamlSource } from '../../core/yaml/source.js';
import * as z from '../../core/yaml/zod.js';

/**
 * Optional per-model configuration, `<repository>/<model>/config.yaml`:
 *
 * ```yaml
 * version_policy: { latest: 1 }      # or { all: true } or { specific: [1, 3] }
 * labels: { stable: 1, canary: 2 }   # TF Serving /labels/<label> routes
 * batching: { enabled: true, max_batch_size: 64, max_queue_delay_us: 0 }
 * shadow: { version: 2, rate: 0.1 }   # as `--shadow <model>:2 --shadow-rate 0.1`
 * ```
 */
export const BatchingConfig = z.strictObject({
  enabled: z.optional(z.boolean()),
  max_batch_size: z._default(z.int().check(z.minimum(1), z.maximum(65536)), 64),
  max_queue_delay_us: z._default(z.int().check(z.minimum(0), z.maximum(1_000_000)), 0),
});
export type BatchingConfig = z.infer<typeof BatchingConfig>;

export const VersionPolicy = z.union([
  z.strictObject({ latest: z.int().check(z.minimum(1)) }),
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ specific: z.array(z.int().check(z.minimum(0))).check(z.minLength(1)) }),
]);
export type VersionPolicy = z.infer<typeof VersionPolicy>;

const nonNegative = z.number().check(z.minimum(0));

/** Shadow traffic to a candidate version (serving/shadow.ts), as `--shadow` would set it. */
export const ShadowConfig = z.strictObject({
  version: z.int().check(z.minimum(0)),
  rate: z._default(z.number().check(z.minimum(0), z.maximum(1)), 1),
  queue_limit: z._default(z.int().check(z.minimum(1), z.maximum(1_000_000)), 1024),
  tolerance: z._default(
    z.strictObject({ atol: z._default(nonNegative, 1e-6), rtol: z._default(nonNegative, 1e-4) }),
    { atol: 1e-6, rtol: 1e-4 },
  ),
});
export type ShadowConfig = z.infer<typeof ShadowConfig>;

export const ModelConfig = z.strictObject({
  version_policy: z._default(VersionPolicy, { latest: 1 }),
  labels: z._default(
    z.record(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)), z.int().check(z.minimum(0))),
    {},
  ),
  batching: z._default(BatchingConfig, { max_batch_size: 64, max_queue_delay_us: 0 }),
  shadow: z.optional(ShadowConfig),
});
export type ModelConfig = z.infer<typeof ModelConfig>;

export const DEFAULT_MODEL_CONFIG: ModelConfig = ModelConfig.parse({});

/**
 * Reads `config.yaml` if present. A broken config is an error the caller reports (and
 * keeps the old one), like a broken `cd4ml.yaml`: every problem at once, each at its
 * `file:line:column`, with the nearest valid name for a misspelt key.
 *
 * @throws Cd4mlAggregateError with code `E_MODEL` when the file is invalid.
 */
export async function readModelConfig(file: string): Promise<ModelConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_MODEL_CONFIG;
    throw err;
  }
  const source = YamlSource.parse(text, file, 'E_MODEL');
  return source.validate(ModelConfig, source.data ?? {}, [], 'E_MODEL');
}
