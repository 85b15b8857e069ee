import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';
import { Cd4mlError } from '../../core/errors.js';

/**
 * Optional per-model configuration, `<repository>/<model>/config.yaml`:
 *
 * ```yaml
 * version_policy: { latest: 1 }      # or { all: true } or { specific: [1, 3] }
 * labels: { stable: 1, canary: 2 }   # TF Serving /labels/<label> routes
 * batching: { enabled: true, max_batch_size: 64, max_queue_delay_us: 0 }
 * ```
 */
export const BatchingConfig = z
  .object({
    enabled: z.boolean().optional(),
    max_batch_size: z.number().int().min(1).max(65536).default(64),
    max_queue_delay_us: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type BatchingConfig = z.infer<typeof BatchingConfig>;

export const VersionPolicy = z.union([
  z.object({ latest: z.number().int().min(1) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
  z.object({ specific: z.array(z.number().int().min(0)).min(1) }).strict(),
]);
export type VersionPolicy = z.infer<typeof VersionPolicy>;

export const ModelConfig = z
  .object({
    version_policy: VersionPolicy.default({ latest: 1 }),
    labels: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.number().int().min(0)).default({}),
    batching: BatchingConfig.default({ max_batch_size: 64, max_queue_delay_us: 0 }),
  })
  .strict();
export type ModelConfig = z.infer<typeof ModelConfig>;

export const DEFAULT_MODEL_CONFIG: ModelConfig = ModelConfig.parse({});

/** Reads `config.yaml` if present; a broken config is an error the caller reports (and keeps the old one). */
export async function readModelConfig(file: string): Promise<ModelConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_MODEL_CONFIG;
    throw err;
  }
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (err) {
    throw new Cd4mlError('E_MODEL', `invalid YAML: ${(err as Error).message}`, { location: { file }, cause: err });
  }
  const parsed = ModelConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Cd4mlError('E_MODEL', issue?.message ?? 'invalid model config', {
      location: { file, field: issue?.path.join('.') },
      hint: 'keys are version_policy, labels and batching (enabled, max_batch_size, max_queue_delay_us)',
    });
  }
  return parsed.data;
}
