/**
 * dvc repro's run semantics, case by case, each naming the DVC code it follows
 * (github.com/iterative/dvc).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../testing/project.js';
import { runPipeline } from './run.js';

const project = tempProjects();

async function repro(dir: string, targets?: string[]): Promise<Record<string, string>> {
  const result = await runPipeline({ pipelineFile: join(dir, 'dvc.yaml'), jobs: 1, targets });
  return Object.fromEntries(Object.entries(result.stages).map(([name, s]) => [name, s.status]));
}

describe('dvc repro semantics (ported)', () => {
  it('dvc/stage/run.py cmd_run: each line of a multi-line cmd is its own command and must succeed', async () => {
    const p = project({
      'dvc.yaml':
        'stages:\n  s:\n    cmd: |\n      mkdir -p sub && cd sub\n      pwd > where.txt\n      false\n      touch after.txt\n',
    });
    expect(await repro(p.dir)).toEqual({ s: 'failed' });
    // No shell state between lines: the `cd` of line 1 does not move line 2.
    expect(readFileSync(join(p.dir, 'where.txt'), 'utf8').trim()).toBe(p.dir);
    // The failing line stops the stage: nothing after it runs.
    expect(existsSync(join(p.dir, 'after.txt'))).toBe(false);
  });

  it('dvc/stage/run.py prepare_kwargs: DVC_ROOT and DVC_STAGE are set for the command', async () => {
    const p = project({
      'dvc.yaml':
        'stages:\n  env:\n    cmd: echo "$DVC_ROOT $DVC_STAGE" > env.txt\n    outs: [env.txt]\n',
    });
    await repro(p.dir);
    expect(readFileSync(join(p.dir, 'env.txt'), 'utf8').trim()).toBe(`${p.dir} env`);
  });

  it('dvc/repo/reproduce.py get_active_graph: a frozen stage cuts its upstream off', async () => {
    const p = project({
      'dvc.yaml': [
        'stages:',
        '  prepare:',
        '    cmd: echo a > a.txt',
        '    outs: [a.txt]',
        '  train:',
        '    cmd: cat a.txt > b.txt',
        '    deps: [a.txt]',
        '    outs: [b.txt]',
        '    frozen: true',
        '  report:',
        '    cmd: cat b.txt > c.txt',
        '    deps: [b.txt]',
        '    outs: [c.txt]',
        '',
      ].join('\n'),
      'a.txt': 'old\n',
      'b.txt': 'old\n',
    });
    expect(await repro(p.dir, ['report'])).toEqual({ train: 'unchanged', report: 'ran' });
    expect(readFileSync(join(p.dir, 'a.txt'), 'utf8')).toBe('old\n');
  });

  it('dvc/stage/__init__.py is_callback: a stage with no deps and no outs always runs', async () => {
    const p = project({ 'dvc.yaml': 'stages:\n  ping:\n    cmd: echo >> ticks.txt\n' });
    await repro(p.dir);
    expect(await repro(p.dir)).toEqual({ ping: 'ran' });
    expect(readFileSync(join(p.dir, 'ticks.txt'), 'utf8')).toBe('\n\n');
  });

  it('dvc/stage/__init__.py changed_outs: a deleted cache: false out brings its stage back', async () => {
    const p = project({
      'in.txt': 'x\n',
      'dvc.yaml':
        'stages:\n  m:\n    cmd: cp in.txt m.json\n    deps: [in.txt]\n    metrics:\n      - m.json: {cache: false}\n',
    });
    await repro(p.dir);
    expect(await repro(p.dir)).toEqual({ m: 'unchanged' });
    rmSync(join(p.dir, 'm.json'));
    expect(await repro(p.dir)).not.toEqual({ m: 'unchanged' });
    expect(readFileSync(join(p.dir, 'm.json'), 'utf8')).toBe('x\n');
  });
  it('dvc/stage/cache.py _can_hash: a stage without deps is never restored from the run-cache', async () => {
    const p = project({
      'dvc.yaml': 'stages:\n  fetch:\n    cmd: echo $$ > pid.txt\n    outs: [pid.txt]\n',
    });
    await repro(p.dir);
    const first = readFileSync(join(p.dir, 'pid.txt'), 'utf8');
    rmSync(join(p.dir, 'pid.txt'));
    expect(await repro(p.dir)).toEqual({ fetch: 'ran' });
    expect(readFileSync(join(p.dir, 'pid.txt'), 'utf8')).not.toBe(first);
  });

  it('dvc/stage/cache.py _can_hash: params alone are deps, so such a stage is restored', async () => {
    const p = project({
      'params.yaml': 'n: 1\n',
      'dvc.yaml':
        'stages:\n  gen:\n    cmd: echo $$ > pid.txt\n    params: [n]\n    outs: [pid.txt]\n',
    });
    await repro(p.dir);
    const first = readFileSync(join(p.dir, 'pid.txt'), 'utf8');
    rmSync(join(p.dir, 'pid.txt'));
    expect(await repro(p.dir)).toEqual({ gen: 'cached' });
    expect(readFileSync(join(p.dir, 'pid.txt'), 'utf8')).toBe(first);
  });
});
