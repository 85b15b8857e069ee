// Writes the JSON Schemas generated from the Zod schemas, for editors' completion:
// schemas/cd4ml.schema.json (the pipeline) and schemas/policy.schema.json (the gate).
// `npm run schemas`; tests fail when the checked-in files are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pipelineJsonSchema } from '../core/pipeline/json-schema.js';
import { policyJsonSchema } from '../core/policy/json-schema.js';

mkdirSync('schemas', { recursive: true });
for (const [file, schema] of [
  ['schemas/cd4ml.schema.json', pipelineJsonSchema()],
  ['schemas/policy.schema.json', policyJsonSchema()],
] as const) {
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
