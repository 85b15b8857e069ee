// Writes the JSON Schemas generated from the Zod schemas, for editors' completion:
// schemas/cd4ml.schema.json (the pipeline) and schemas/policy.schema.json (the gate), and
// the configuration reference generated from them (docs/configuration.md).
// `npm run schemas`; tests fail when the checked-in files are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pipelineJsonSchema } from '../core/pipeline/json-schema.js';
import { policyJsonSchema } from '../core/policy/json-schema.js';
import { configReference } from './config-reference.js';

const pipeline = pipelineJsonSchema();
const policy = policyJsonSchema();
mkdirSync('schemas', { recursive: true });
for (const [file, text] of [
  ['schemas/cd4ml.schema.json', `${JSON.stringify(pipeline, null, 2)}\n`],
  ['schemas/policy.schema.json', `${JSON.stringify(policy, null, 2)}\n`],
  ['docs/configuration.md', configReference(pipeline, policy)],
] as const) {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
