/**
 * Several dvc.yaml files, collected from the pipeline root as DVC collects them
 * (dvc/repo/index.py collect_files, dvc/stage ProjectFile addressing, dvc/repo/graph.py).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../pipeline/load.js';
import { tempProjects } from '../testing/project.js';
import { runPipeline } from './run.js';

const project = tempProjects();

async function repro(dir: string, targets?: string[]): Promise<Record<string, string>> {
  const result = await runPipeline({ pipelineFile: join(dir, 'dvc.yaml'), jobs: 2, targets });
  return Object.fromEntries(Object.entries(result.stages).map(([name, s]) => [name, s.status]));
}

const FILES = {
  'dvc.yaml': [
    'stages:',
    '  report:',
    '    cmd: cat data/prep/clean.txt > report.txt; echo "$DVC_STAGE" >> report.txt',
    '    deps: [data/prep/clean.txt]',
    '    outs: [report.txt]',
    '',
  ].join('\n'),
  'data/dvc.yaml': [
    'stages:',
    '  prepare:',
    '    wdir: prep',
    '    cmd: (tr a-z A-Z < ../raw.txt; echo n=${n}; echo "$DVC_STAGE") > clean.txt',
    '    deps: [../raw.txt]',
    '    outs: [clean.txt]',
    '',
  ].join('\n'),
  // The subdirectory's own params.yaml: DVC's context for data/dvc.yaml.
  'data/params.yaml': 'n: 3\n',
  'data/raw.txt': 'raw\n',
};

describe('dvc.yaml files in subdirectories', () => {
  it('addresses their stages dir/dvc.yaml:name, resolves paths from each file, and links outs to deps', async () => {
    const p = project(FILES);
    expect(await repro(p.dir)).toEqual({ 'data/dvc.yaml:prepare': 'ran', report: 'ran' });
    // wdir and deps relative to data/, ${n} from data/params.yaml, DVC_STAGE as DVC sets it.
    expect(readFileSync(join(p.dir, 'data/prep/clean.txt'), 'utf8')).toBe(
      'RAW\nn=3\ndata/dvc.yaml:prepare\n',
    );
    expect(readFileSync(join(p.dir, 'report.txt'), 'utf8')).toMatch(/\nreport\n$/);
    // Each file's dvc.lock next to it, with the file's own stage names and wdir-relative paths.
    const sub = parse(readFileSync(join(p.dir, 'data/dvc.lock'), 'utf8'));
    expect(Object.keys(sub.stages)).toEqual(['prepare']);
    expect(sub.stages.prepare.deps[0].path).toBe('../raw.txt');
    expect(sub.stages.prepare.outs[0].path).toBe('clean.txt');
    expect(sub.stages.prepare.params).toEqual({ '../params.yaml': { n: 3 } });
    const top = parse(readFileSync(join(p.dir, 'dvc.lock'), 'utf8'));
    expect(Object.keys(top.stages)).toEqual(['report']);
    expect(await repro(p.dir)).toEqual({
      'data/dvc.yaml:prepare': 'unchanged',
      report: 'unchanged',
    });
  });

  it('takes targets as DVC does: dir/dvc.yaml:name, a dvc.yaml path, a stage of the root file', async () => {
    const p = project(FILES);
    expect(await repro(p.dir, ['data/dvc.yaml:prepare'])).toEqual({
      'data/dvc.yaml:prepare': 'ran',
    });
    expect(await repro(p.dir, ['./data/dvc.yaml'])).toEqual({
      'data/dvc.yaml:prepare': 'unchanged',
    });
    expect(await repro(p.dir, ['dvc.yaml:report'])).toEqual({
      'data/dvc.yaml:prepare': 'unchanged',
      report: 'ran',
    });
  });

  it('adopts an up-to-date dvc.lock of a subdirectory file', async () => {
    const p = project(FILES);
    await repro(p.dir);
    const lock = readFileSync(join(p.dir, 'data/dvc.lock'), 'utf8');
    // A fresh clone of a DVC project: the lock files and outs, no cd4ml state.
    const q = project({
      ...FILES,
      'data/dvc.lock': lock,
      'data/prep/clean.txt': readFileSync(join(p.dir, 'data/prep/clean.txt'), 'utf8'),
    });
    expect(await repro(q.dir, ['data/dvc.yaml'])).toEqual({ 'data/dvc.yaml:prepare': 'unchanged' });
  });

  it('rejects one out in two files, naming both files and lines', () => {
    const p = project({
      ...FILES,
      'other/dvc.yaml':
        'stages:\n  copy:\n    cmd: echo x > ../data/prep/clean.txt\n    outs:\n      - ../data/prep/clean.txt\n',
    });
    const at = (file: string) => relative(process.cwd(), join(p.dir, file));
    expect(() => loadPipeline(join(p.dir, 'dvc.yaml'))).toThrow(
      `${at('other/dvc.yaml')}:5:9: stages.copy.outs[0]: out 'data/prep/clean.txt' of stage 'other/dvc.yaml:copy' is already an out of stage 'data/dvc.yaml:prepare' (${at('data/dvc.yaml')}:6)`,
    );
  });

  it('skips what DVC skips: gitignored and .dvcignored directories, and directories that are outs', () => {
    const p = project({
      ...FILES,
      '.gitignore': 'venv/\n',
      'venv/pkg/dvc.yaml': 'stages: {bad: {cmd: exit 1}}\n',
      '.dvcignore': 'scratch\n',
      'scratch/dvc.yaml': 'stages: {bad: {cmd: exit 1}}\n',
      'dvc.yaml': `${FILES['dvc.yaml']}  train:\n    cmd: mkdir -p models\n    outs: [models]\n`,
      'models/dvc.yaml': 'stages: {inside: {cmd: exit 1}}\n',
    });
    expect(loadPipeline(join(p.dir, 'dvc.yaml')).stages.map((s) => s.name)).toEqual([
      'report',
      'train',
      'data/dvc.yaml:prepare',
    ]);
  });

  it('sees a dvc.yaml added to a subdirectory on the next run (the pipeline memo is stamped by directory)', async () => {
    const p = project(FILES);
    await repro(p.dir);
    mkdirSync(join(p.dir, 'extra/deeper'), { recursive: true });
    p.write(
      'extra/deeper/dvc.yaml',
      'stages:\n  hello:\n    cmd: echo hi > hi.txt\n    outs: [hi.txt]\n',
    );
    expect(await repro(p.dir)).toMatchObject({ 'extra/deeper/dvc.yaml:hello': 'ran' });
    expect(existsSync(join(p.dir, 'extra/deeper/hi.txt'))).toBe(true);
  });
});
