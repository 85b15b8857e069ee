import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pipelineJsonSchema } from '../core/pipeline/json-schema.js';
import { policyJsonSchema } from '../core/policy/json-schema.js';
import { configReference } from './config-reference.js';

describe('docs/configuration.md', () => {
  const page = configReference(pipelineJsonSchema(), policyJsonSchema());

  it('is current with the schemas (run `npm run schemas` after changing them)', () => {
    expect(readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8')).toBe(page);
  });

  it('lists every stage key of the schema once, with its type', () => {
    expect(page).toContain('| `stages.<name>.retries` | integer |');
    expect(page).toContain('| `stages.<name>.runs-on` | string \\| string[] |');
    expect(page.match(/\| `stages\.<name>\.cmd` \|/g)).toHaveLength(1);
    expect(page).not.toContain('stages.<name>.do.cmd');
  });

  it('lists the gate rules with their descriptions', () => {
    expect(page).toMatch(/\| `gate\.rules\[\]\.metric` \| string \| +\| Metric name/);
  });
});
