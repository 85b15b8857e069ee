// Writes the JSON Schemas generated from the Zod schemas, for editors' completion.
// `npm run schemas`; a test fails when the checked-in files are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pipelineJsonSchema } from '../core/pipeline/json-schema.js';

mkdirSync('schemas', { recursive: true });
writeFileSync('schemas/cd4ml.schema.json', `${JSON.stringify(pipelineJsonSchema(), null, 2)}\n`);
console.log('wrote schemas/cd4ml.schema.json');
