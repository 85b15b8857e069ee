import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunRecord } from './parse.js';
import { RUN_RECORD_SCHEMA } from './version.js';

const v1 = readFileSync(join(import.meta.dirname, '../compare/__fixtures__/base.json'), 'utf8');

describe('parseRunRecord across schema versions', () => {
  it('reads an @1 record (no declared environment, no cd4ml version)', () => {
    const record = parseRunRecord(v1, 'base.json');
    expect(record.schema).toBe('cd4ml/run@1');
    expect(record.env.declared).toBeUndefined();
    expect(record.env.image).toBeUndefined();
  });

  it('reads an @2 record with the declared files and image', () => {
    const data = JSON.parse(v1) as Record<string, unknown> & { env: Record<string, unknown> };
    const digest = `sha256:${'a'.repeat(64)}`;
    const text = JSON.stringify({
      ...data,
      schema: RUN_RECORD_SCHEMA,
      env: {
        ...data.env,
        cd4ml: '0.2.0',
        declared: ['conda.yaml'],
        image: { ref: `python@${digest}`, digest },
      },
    });
    const record = parseRunRecord(text, 'v2.json');
    expect(record.schema).toBe('cd4ml/run@2');
    expect(record.env.image?.digest).toBe(digest);
    expect(record.env.declared).toEqual(['conda.yaml']);
  });

  it('rejects an unknown version and names the versions it reads', () => {
    const text = v1.replace('cd4ml/run@1', 'cd4ml/run@9');
    expect(() => parseRunRecord(text, 'future.json')).toThrow(/schema/);
    try {
      parseRunRecord(text, 'future.json');
    } catch (error) {
      expect((error as { hint?: string }).hint).toContain('cd4ml/run@2');
    }
  });
});
