// Writes schemas/policy.schema.json, the JSON Schema of `.github/cd4ml.yml` generated from
// the Zod schema `PolicyFile`, so editors complete and check the gate policy.
// `npx tsx scripts/gen-policy-schema.ts`; a test fails when the checked-in file is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PolicyFile } from '../core/policy/schema.js';

export const POLICY_SCHEMA_FILE = 'schemas/policy.schema.json';

/** The input shape (what users write: sizes as `50MB`, defaults optional). */
export function policyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PolicyFile, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://cd4ml.dev/schemas/policy.schema.json',
    title: 'cd4ml gate policy (.github/cd4ml.yml)',
  };
}

export function policySchemaText(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  mkdirSync('schemas', { recursive: true });
  writeFileSync(POLICY_SCHEMA_FILE, policySchemaText());
  console.log(`wrote ${POLICY_SCHEMA_FILE}`);
}
