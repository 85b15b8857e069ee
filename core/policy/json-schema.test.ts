import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema } from './json-schema.js';

describe('schemas/policy.schema.json', () => {
  it('is current with the Zod schema (run `npm run schemas` after changing it)', () => {
    const checkedIn = JSON.parse(
      readFileSync(new URL('../../schemas/policy.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(checkedIn).toEqual(policyJsonSchema());
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
