import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { compareProfiles } from '../compare/profiles.js';
import { mulberry32 } from '../stats/random.js';
import { tempProjects } from '../testing/project.js';
import { profileFile } from './profile.js';
import type { DataProfile, ProfileEntry } from './schema.js';

const project = tempProjects();

async function profileOf(name: string, text: string | Uint8Array): Promise<ProfileEntry> {
  const dir = project({}).dir;
  writeFileSync(join(dir, name), text);
  return profileFile(join(dir, name), `data/${name}`);
}

async function profiled(name: string, text: string | Uint8Array): Promise<DataProfile> {
  const entry = await profileOf(name, text);
  if ('error' in entry) throw new Error(entry.error);
  return entry;
}

describe('CSV and TSV profiles', () => {
  it('counts rows, infers types, nulls, distinct values, quantiles and top values', async () => {
    const p = await profiled(
      'a.csv',
      '\ufeffid,age,city,ok\n1,30,"Paris, FR",true\n2,,Lyon,false\n3,41,"Paris, FR",true\n4,NA,"multi\nline",TRUE\n',
    );
    expect(p.rows).toBe(4);
    const [id, age, city, ok] = p.columns;
    expect(id).toMatchObject({
      name: 'id',
      type: 'integer',
      nulls: 0,
      distinct: 4,
      min: 1,
      max: 4,
    });
    expect(id!.quantiles).toHaveLength(21);
    expect(age).toMatchObject({ type: 'integer', nulls: 2, distinct: 2, mean: 35.5 });
    expect(city).toMatchObject({
      type: 'string',
      distinct: 3,
      top: [
        ['Paris, FR', 2],
        ['Lyon', 1],
        ['multi\nline', 1],
      ],
      other: 0,
    });
    expect(ok).toMatchObject({
      type: 'boolean',
      top: [
        ['true', 3],
        ['false', 1],
      ],
    });
  });

  it('reads TSV and names mixed types with their counts', async () => {
    const p = await profiled('b.tsv', 'code\tn\n1\t1\n2\t2.5\nx9\t3\n');
    expect(p.columns[0]).toMatchObject({ type: 'mixed', types: { integer: 2, string: 1 } });
    expect(p.columns[1]).toMatchObject({ type: 'number', quantiles: expect.any(Array) as unknown });
  });

  it.each([
    [
      'a ragged row, at its line (after a quoted newline)',
      'a,b\n1,"x\ny"\n3,4,5\n',
      'data/c.csv:4: row has 3 fields, the header has 2',
    ],
    [
      'an unclosed quote, where it opened',
      'a,b\n1,2\n3,"oops\n4,5\n',
      'data/c.csv:3:2: unclosed quote: the file ends inside a quoted field',
    ],
    [
      'text after a closing quote',
      'a,b\n1,"x"y\n',
      'data/c.csv:2:2: unexpected "y" after a closing quote (field 2)',
    ],
    ['an empty file', '', 'data/c.csv:1: the file is empty: no header row'],
  ])('reports %s', async (_what, text, message) => {
    expect(await profileOf('c.csv', text)).toEqual({ error: message });
  });

  it('refuses a huge cell with its line and column, without reading it all into a profile', async () => {
    const entry = await profileOf('d.csv', `a,b\n1,2\n3,${'x'.repeat(1_100_000)}\n`);
    expect(entry).toEqual({
      error:
        'data/d.csv:3:2: cell of 1,100,000 characters is over the 1,048,576-character limit (field 2)',
    });
  });

  it('keeps a 100,000-distinct column bounded: an estimate within 3%, top values pruned', async () => {
    const lines = ['key,n'];
    for (let i = 0; i < 100_000; i++) lines.push(`k${i},${i % 7}`);
    const p = await profiled('e.csv', `${lines.join('\n')}\n`);
    const [key, n] = p.columns;
    expect(key!.distinctExact).toBe(false);
    expect(Math.abs(key!.distinct - 100_000) / 100_000).toBeLessThan(0.03);
    expect(key!.top).toHaveLength(10);
    // Few distinct numbers: exact counts, so drift can be measured per value.
    expect(n).toMatchObject({ distinct: 7, distinctExact: true });
    expect(n!.top).toHaveLength(7);
  });

  it('keeps 50 columns under 20 KB of JSON', async () => {
    const random = mulberry32(1);
    const header = Array.from({ length: 50 }, (_, c) => `column_${c}`);
    const lines = [header.join(',')];
    for (let i = 0; i < 3000; i++)
      lines.push(
        header
          .map((_, c) =>
            c % 2 === 0
              ? (random() * 1000).toFixed(3)
              : `category_value_${Math.floor(random() * 40)}`,
          )
          .join(','),
      );
    const p = await profiled('wide.csv', `${lines.join('\n')}\n`);
    expect(JSON.stringify(p).length).toBeLessThan(20_000);
  });
});

describe('JSON Lines and Parquet profiles', () => {
  it('profiles JSON Lines, a missing key counting as empty', async () => {
    const p = await profiled(
      'f.jsonl',
      '{"a": 1, "b": "x"}\n{"a": 2.5}\n\n{"a": null, "b": "y", "c": true}\n',
    );
    expect(p.rows).toBe(3);
    expect(p.columns.map((c) => [c.name, c.type, c.nulls])).toEqual([
      ['a', 'number', 1],
      ['b', 'string', 1],
      ['c', 'boolean', 2],
    ]);
  });

  it('names the line of invalid JSON', async () => {
    const entry = await profileOf('g.jsonl', '{"a": 1}\n{"a": \n');
    expect('error' in entry && entry.error).toMatch(/^data\/g\.jsonl:2: invalid JSON: /);
  });

  it('profiles Parquet written by hyparquet-writer, row group by row group', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'income', data: Array.from({ length: 5000 }, (_, i) => i * 2.5), type: 'DOUBLE' },
        {
          name: 'region',
          data: Array.from({ length: 5000 }, (_, i) =>
            i % 4 === 0 ? null : ['n', 's', 'e'][i % 3]!,
          ),
          type: 'STRING',
        },
      ],
      rowGroupSize: 1000,
    });
    const p = await profiled('h.parquet', new Uint8Array(buffer));
    expect(p).toMatchObject({ format: 'parquet', rows: 5000 });
    expect(p.columns[0]).toMatchObject({
      name: 'income',
      type: 'number',
      min: 0,
      max: 12497.5,
      nulls: 0,
    });
    expect(p.columns[1]).toMatchObject({
      name: 'region',
      type: 'string',
      nulls: 1250,
      distinct: 3,
    });
  });

  it('reports a corrupt Parquet file instead of failing', async () => {
    const entry = await profileOf('i.parquet', 'PAR1 not really parquet');
    expect('error' in entry && entry.error.length).toBeGreaterThan(0);
  });
});

describe('drift between profiles', () => {
  function sample(seed: number, rows: number, shift = 0): string {
    const random = mulberry32(seed);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const lines = ['income,age,region'];
    for (let i = 0; i < rows; i++) {
      const region = ['north', 'south', 'east', 'west'][Math.floor(random() * (shift > 0 ? 3 : 4))];
      lines.push(
        `${Math.exp(10 + normal() + shift).toFixed(2)},${18 + Math.floor(random() * 60)},${region}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }

  it('a fresh sample of the same distribution stays well under PSI 0.2 at 3,000 rows', async () => {
    const base = await profiled('base.csv', sample(1, 3000));
    const head = await profiled('head.csv', sample(2, 3000));
    const [diff] = compareProfiles({ 'x.csv': base }, { 'x.csv': head });
    for (const column of diff!.columns) expect(column.psi!).toBeLessThan(0.1);
  });

  it('a shifted sample drifts, worst column first, with a KS p-value', async () => {
    const base = await profiled('base.csv', sample(1, 3000));
    const head = await profiled('head.csv', sample(2, 3000, 0.5));
    const [diff] = compareProfiles({ 'x.csv': base }, { 'x.csv': head });
    expect(diff!.columns[0]!.name).toBe('region');
    expect(diff!.columns.find((c) => c.name === 'income')!.psi!).toBeGreaterThan(0.2);
    expect(diff!.columns.find((c) => c.name === 'income')!.ks!.pValue).toBeLessThan(1e-6);
  });
});
