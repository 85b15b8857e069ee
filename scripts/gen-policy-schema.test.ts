import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY_SCHEMA_FILE, policyJsonSchema, policySchemaText } from './gen-policy-schema.js';

describe('schemas/policy.schema.json', () => {
  it('is current (regenerate with `npx tsx scripts/gen-policy-schema.ts`)', () => {
    const checkedIn = readFileSync(new URL(`../${POLICY_SCHEMA_FILE}`, import.meta.url), 'utf8');
    expect(checkedIn).toBe(policySchemaText());
  });

  it('forbids unknown keys and accepts sizes as strings', () => {
    const schema = policyJsonSchema() as {
      additionalProperties: boolean;
      properties: { gate: { properties: { rules: { items: { properties: { max: unknown } } } } } };
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.gate.properties.rules.items.properties.max).toMatchObject({
      type: ['number', 'string'],
    });
  });
});
