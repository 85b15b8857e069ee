import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pipelineJsonSchema } from './json-schema.js';

describe('schemas/cd4ml.schema.json', () => {
  it('is current with the Zod schema (run `npm run schemas` after changing it)', () => {
    const checkedIn = JSON.parse(
      readFileSync(new URL('../../schemas/cd4ml.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(checkedIn).toEqual(pipelineJsonSchema());
  });

  it('describes stage keys, ours included, and forbids unknown ones', () => {
    const schema = pipelineJsonSchema() as {
      properties: {
        stages: {
          additionalProperties: {
            anyOf: Array<{ properties: Record<string, unknown>; additionalProperties: boolean }>;
          };
        };
      };
    };
    const plain = schema.properties.stages.additionalProperties.anyOf[0]!;
    expect(Object.keys(plain.properties)).toEqual(
      expect.arrayContaining([
        'cmd',
        'deps',
        'outs',
        'params',
        'metrics',
        'retries',
        'timeout',
        'env',
        'runs-on',
      ]),
    );
    expect(plain.additionalProperties).toBe(false);
  });
});
