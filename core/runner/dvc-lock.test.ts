import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../testing/project.js';
import { runPipeline } from './run.js';

const project = tempProjects();

const PIPELINE = {
  'raw/a.txt': 'a\n',
  'raw/b/c.txt': 'c\n',
  'params.yaml': 'train:\n  C: 1.0\nseed: 7\n',
  'dvc.yaml': [
    'stages:',
    '  prepare:',
    '    cmd: cat raw/a.txt raw/b/c.txt > prepared.txt',
    '    deps: [raw]',
    '    outs: [prepared.txt]',
    '  train:',
    '    wdir: src',
    '    cmd: echo ${seed} && mkdir -p ../model && cp ../prepared.txt ../model/weights.txt',
    '    deps: [../prepared.txt]',
    '    params: [{../params.yaml: [train.C]}]',
    '    outs: [../model]',
    '',
  ].join('\n'),
  'src/.keep': '',
};

async function repro(dir: string): Promise<Record<string, string>> {
  const result = await runPipeline({ pipelineFile: join(dir, 'dvc.yaml'), jobs: 1 });
  return Object.fromEntries(Object.entries(result.stages).map(([name, s]) => [name, s.status]));
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** The directory hash as DVC computes it, by Python itself (dvc-data: json.dumps(sort_keys=True) of the listing). */
function pythonDirMd5(entries: Array<{ relpath: string; md5: string }>): string {
  const script =
    'import hashlib, json, sys; print(hashlib.md5(json.dumps(json.load(sys.stdin), sort_keys=True).encode()).hexdigest())';
  return `${execFileSync('python3', ['-c', script], { input: JSON.stringify(entries), encoding: 'utf8' }).trim()}.dir`;
}

describe('dvc.lock', () => {
  it('is written in DVC’s format: md5, size, nfiles for directories, paths relative to wdir', async () => {
    const p = project(PIPELINE);
    await repro(p.dir);
    const lock = parse(readFileSync(join(p.dir, 'dvc.lock'), 'utf8')) as {
      schema: string;
      stages: Record<string, { cmd: string; deps: unknown[]; outs: unknown[]; params?: unknown }>;
    };
    expect(lock.schema).toBe('2.0');
    expect(lock.stages.prepare).toEqual({
      cmd: 'cat raw/a.txt raw/b/c.txt > prepared.txt',
      deps: [
        {
          path: 'raw',
          hash: 'md5',
          md5: pythonDirMd5([
            { relpath: 'a.txt', md5: md5('a\n') },
            { relpath: 'b/c.txt', md5: md5('c\n') },
          ]),
          size: 4,
          nfiles: 2,
        },
      ],
      outs: [{ path: 'prepared.txt', hash: 'md5', md5: md5('a\nc\n'), size: 4 }],
    });
    expect(lock.stages.train).toMatchObject({
      deps: [{ path: '../prepared.txt', md5: md5('a\nc\n') }],
      // seed is read by ${seed} in the cmd: DVC tracks it as a param of the stage.
      params: { '../params.yaml': { 'train.C': 1, seed: 7 } },
      outs: [{ path: '../model', nfiles: 1, size: 4 }],
    });
  });

  it('an up-to-date dvc.lock means no rerun on the first cd4ml run; a changed dep still reruns', async () => {
    const p = project(PIPELINE);
    await repro(p.dir);
    // A project that arrives with DVC's lock only.
    rmSync(join(p.dir, 'cd4ml.lock'));
    rmSync(join(p.dir, '.cd4ml'), { recursive: true });
    expect(await repro(p.dir)).toEqual({ prepare: 'unchanged', train: 'unchanged' });
    expect(readFileSync(join(p.dir, 'cd4ml.lock'), 'utf8')).toContain('"prepare"');
    writeFileSync(join(p.dir, 'raw/a.txt'), 'A\n');
    rmSync(join(p.dir, 'cd4ml.lock'));
    expect(await repro(p.dir)).toEqual({ prepare: 'ran', train: 'ran' });
  });

  it('is not created by a run in which no stage succeeded', async () => {
    const p = project({ 'dvc.yaml': 'stages:\n  s:\n    cmd: exit 3\n' });
    expect(await repro(p.dir)).toEqual({ s: 'failed' });
    expect(existsSync(join(p.dir, 'dvc.lock'))).toBe(false);
  });

  it('a dvc.lock whose params differ does not vouch for the stage', async () => {
    const p = project(PIPELINE);
    await repro(p.dir);
    rmSync(join(p.dir, 'cd4ml.lock'));
    writeFileSync(join(p.dir, 'params.yaml'), 'train:\n  C: 2.0\nseed: 7\n');
    expect(await repro(p.dir)).toEqual({ prepare: 'unchanged', train: 'ran' });
  });
});
