import { describe, expect, it } from 'vitest';
import { buildDag } from './dag.js';
import type { Pipeline, Stage } from './model.js';
import { mulberry32 as random } from '../stats/random.js';

/** The rule the DAG's path index implements: `a` is `b` or a path inside directory `b`. */
const isWithin = (a: string, b: string): boolean => b === '.' || a === b || a.startsWith(`${b}/`);

function stage(name: string, deps: string[], outs: string[]): Stage {
  const location = { file: 'cd4ml.yaml', line: 1 };
  return {
    name,
    cmd: ['true'],
    wdir: '',
    deps,
    outs: outs.map((path) => ({ path, cache: true, persist: false, metric: false })),
    params: [],
    frozen: false,
    alwaysChanged: false,
    checks: [],
    retries: 0,
    timeoutMs: undefined,
    env: {},
    runsOn: undefined,
    desc: undefined,
    location,
    timeoutLocation: undefined,
    depLocations: deps.map(() => location),
    outLocations: outs.map(() => location),
  };
}

const pipeline = (stages: Stage[]): Pipeline => ({
  file: '/repo/cd4ml.yaml',
  root: '/repo',
  stages,
  model: undefined,
  predictions: undefined,
  predictionSlices: [],
  stats: [],
  environment: { files: [], image: undefined },
  metrics: [],
  sources: [],
});

describe('buildDag', () => {
  it('links a dep to the outs that are it, contain it, or sit inside it — as the pairwise rule says', () => {
    const parts = [
      'data',
      'out',
      'data/raw',
      'data/raw/a.csv',
      'data/b.csv',
      'out/model',
      'out/model/m.onnx',
      'out/x',
      'dat',
      'data-2',
      '.',
    ];
    for (let seed = 1; seed <= 200; seed++) {
      const rand = random(seed);
      const pick = (): string => parts[Math.floor(rand() * parts.length)]!;
      // Stage i reads only outs of stages before it, so the graph has no cycle.
      const names = Array.from({ length: 8 }, (_, i) => `s${i}`);
      const outs = names.map(() =>
        [...new Set([pick(), pick()])].slice(0, 1 + Math.floor(rand() * 2)),
      );
      const stages = names.map((name, i) => {
        const earlier = outs.slice(0, i).flat();
        const deps = [
          ...new Set(Array.from({ length: Math.floor(rand() * 3) }, () => pick())),
        ].filter(
          (dep) =>
            outs
              .slice(i)
              .flat()
              .every((out) => !isWithin(dep, out) && !isWithin(out, dep)) &&
            (earlier.length === 0 || rand() < 0.9),
        );
        return stage(name, deps, outs[i]!);
      });
      const dag = buildDag(pipeline(stages), () => true);
      for (const [i, s] of stages.entries()) {
        const expected = new Set(
          stages
            .slice(0, i)
            .filter((up) =>
              up.outs.some((out) =>
                s.deps.some((dep) => isWithin(dep, out.path) || isWithin(out.path, dep)),
              ),
            )
            .map((up) => up.name),
        );
        expect([...dag.upstream.get(s.name)!].sort(), `seed ${seed}, stage ${s.name}`).toEqual(
          [...expected].sort(),
        );
      }
    }
  });

  it('keeps a dep that no stage produces and no file backs as an error', () => {
    expect(() => buildDag(pipeline([stage('a', ['data/raw'], ['out/a'])]), () => false)).toThrow(
      "dep 'data/raw' of stage 'a' is neither a file nor an out of any stage",
    );
  });
});
