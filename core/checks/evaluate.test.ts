import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import type { StageCheck } from '../pipeline/model.js';
import { tempProjects } from '../testing/project.js';
import { runStageChecks } from './evaluate.js';

const project = tempProjects();
const where = { file: 'cd4ml.yaml' };

function check(data: string, fields: Omit<StageCheck, 'data' | 'location'>): StageCheck {
  return { data, location: where, ...fields };
}

const CSV = [
  'id,age,region,income',
  '1,34,north,1000',
  '2,41,south,',
  '3,-2,north,1200',
  '"4",29,"nor\nth",900',
  '2,57,west,abc',
  '',
].join('\n');

describe('runStageChecks', () => {
  it('passes a clean file and says what it checked', async () => {
    const p = project({ 'clean.csv': 'id,age\n1,30\n2,40\n' });
    const results = await runStageChecks(p.dir, [
      check('clean.csv', { min_rows: 2 }),
      check('clean.csv', { column: 'id', unique: true, type: 'integer', min: 0, max: 10 }),
      check('clean.csv', { max_null_rate: 0 }),
    ]);
    expect(results.map((r) => [r.check, r.status, r.message])).toEqual([
      ['min_rows', 'pass', 'clean.csv: 2 rows ≥ min_rows 2'],
      ['type', 'pass', 'clean.csv column id: 2 values pass type'],
      ['range', 'pass', 'clean.csv column id: 2 values pass range'],
      ['unique', 'pass', 'clean.csv column id: 2 values pass unique'],
      ['max_null_rate', 'pass', 'clean.csv: null rate ≤ 0% in all 2 columns'],
    ]);
  });

  it('names the file, column, first bad value and its line (quoted newlines counted), and how many more', async () => {
    const p = project({ 'data/clean.csv': CSV });
    const results = await runStageChecks(p.dir, [
      check('data/clean.csv', { min_rows: 10 }),
      check('data/clean.csv', { column: 'income', max_null_rate: 0.1 }),
      check('data/clean.csv', { column: 'age', min: 0, max: 50 }),
      check('data/clean.csv', { column: 'region', allowed: ['north', 'south', 'east'] }),
      check('data/clean.csv', { column: 'id', unique: true }),
      check('data/clean.csv', { column: 'income', type: 'number' }),
      check('data/clean.csv', { column: 'zip', type: 'string' }),
    ]);
    expect(results.every((r) => r.status === 'fail')).toBe(true);
    expect(results.map((r) => r.message)).toEqual([
      'data/clean.csv: 5 rows, fewer than min_rows 10',
      'data/clean.csv: null rate over max_null_rate 10% in column income (20%, first empty at line 3)',
      'data/clean.csv line 4, column age: -2 is below min 0 (and 1 more)',
      'data/clean.csv line 5, column region: "nor\\nth" is not allowed (allowed: north, south, east) (and 1 more)',
      'data/clean.csv line 7, column id: "2" repeats line 3',
      'data/clean.csv line 7, column income: "abc" is a string, not a number',
      'data/clean.csv: no column zip (columns: id, age, region, income)',
    ]);
  });

  it('fails every check on a file that cannot be read, with the reader’s line', async () => {
    const p = project({ 'bad.csv': 'a,b\n1,2\n3\n' });
    const results = await runStageChecks(p.dir, [check('bad.csv', { min_rows: 1 })]);
    expect(results).toEqual([
      {
        data: 'bad.csv',
        check: 'min_rows',
        status: 'fail',
        message: expect.stringMatching(
          /^bad\.csv: .*bad\.csv:3.*row has 1 field, the header has 2/,
        ),
      },
    ]);
  });

  it('checks JSON Lines by line and Parquet by row', async () => {
    const p = project({
      'rows.jsonl': '{"id": 1, "kind": "a"}\n{"id": 2, "kind": null}\n{"id": 1, "kind": "b"}\n',
    });
    writeFileSync(
      join(p.dir, 'rows.parquet'),
      new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            {
              name: 'score',
              data: Array.from({ length: 3000 }, (_, i) => i / 3000),
              type: 'DOUBLE',
            },
          ],
          rowGroupSize: 1000,
        }),
      ),
    );
    const results = await runStageChecks(p.dir, [
      check('rows.jsonl', { column: 'id', unique: true }),
      check('rows.jsonl', { column: 'kind', max_null_rate: 0 }),
      check('rows.parquet', { column: 'score', max: 0.5 }),
    ]);
    expect(results.map((r) => r.message)).toEqual([
      'rows.jsonl line 3, column id: "1" repeats line 1',
      'rows.jsonl: null rate over max_null_rate 0% in column kind (33.3%, first empty at line 2)',
      'rows.parquet row 1502, column score: 0.5003333333333333 is above max 0.5 (and 1498 more)',
    ]);
  });
});
