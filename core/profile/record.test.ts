import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../testing/project.js';
import { profileRunFiles } from './record.js';

const project = tempProjects();

describe('profileRunFiles', () => {
  it('profiles tabular files only, keeps each profile under its content hash, and reads it back', async () => {
    const p = project({
      'data/train.csv': 'a,b\n1,x\n2,y\n',
      'data/notes.txt': 'not a table',
      'data/bad.csv': 'a,b\n1\n',
    });
    const cache = join(p.dir, '.cd4ml', 'cache', 'profiles');
    const hashOf = (absolute: string) => `h-${absolute.split('/').pop()}`;
    const first = await profileRunFiles(
      p.dir,
      ['data/train.csv', 'data/notes.txt', 'data/bad.csv', 'data/gone.csv'],
      hashOf,
      cache,
    );
    expect(Object.keys(first)).toEqual(['data/bad.csv', 'data/train.csv']);
    expect(first['data/bad.csv']).toEqual({
      error: 'data/bad.csv:2: row has 1 field, the header has 2',
    });
    expect(first['data/train.csv']).toMatchObject({ format: 'csv', rows: 2 });
    // Only profiles are cached, not failures (a fixed file with the same hash is impossible, but a fixed reader is not).
    expect(readdirSync(cache)).toEqual(['h-train.csv.json']);

    // The same hash again: the cached profile is used, not the file (here edited behind its hash's back).
    const cached = JSON.parse(readFileSync(join(cache, 'h-train.csv.json'), 'utf8')) as {
      rows: number;
    };
    writeFileSync(join(cache, 'h-train.csv.json'), JSON.stringify({ ...cached, rows: 42 }));
    const second = await profileRunFiles(p.dir, ['data/train.csv'], hashOf, cache);
    expect(second['data/train.csv']).toMatchObject({ rows: 42 });
  });
});
