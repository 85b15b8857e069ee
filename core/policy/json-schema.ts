import * as z from '../yaml/zod.js';
import { PolicyFile } from './schema.js';

/** The JSON Schema of `.github/cd4ml.yml` — the input shape users write (sizes as `50MB`). */
export function policyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PolicyFile, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://cd4ml.dev/schemas/policy.schema.json',
    title: 'cd4ml gate policy (.github/cd4ml.yml)',
  };
}
