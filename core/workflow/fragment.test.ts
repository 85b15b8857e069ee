import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../testing/project.js';
import { assembleRun, buildFragment, readFragments, writeFragment } from './fragment.js';
import { FRAGMENT_FORMAT } from './schema.js';

const project = tempProjects();
const PIPELINE =
  'stages:\n  a:\n    cmd: cp raw.txt a.txt\n    deps: [raw.txt]\n    outs: [a.txt]\n';

describe('workflow fragments', () => {
  it('say the stage failed when its job ended before cd4ml recorded it', () => {
    const { dir } = project({ 'cd4ml.yaml': PIPELINE, 'raw.txt': 'x' });
    const fragment = buildFragment(dir, 'a');
    expect(fragment).toMatchObject({
      format: FRAGMENT_FORMAT,
      stage: 'a',
      lock: null,
      result: { status: 'failed', reason: expect.stringMatching(/ended before cd4ml recorded/) },
    });
  });

  it('are read back, and one in another format is refused with what to do', () => {
    const { dir, write } = project({ 'cd4ml.yaml': PIPELINE, 'raw.txt': 'x' });
    writeFragment(join(dir, 'cd4ml-stage-a.json'), buildFragment(dir, 'a'));
    expect(readFragments(dir).map((f) => f.stage)).toEqual(['a']);
    write('cd4ml-stage-b.json', '{"format": "cd4ml/workflow-fragment@9", "stage": "b"}');
    expect(() => readFragments(dir)).toThrow(
      /cd4ml-stage-b\.json[\s\S]*not a cd4ml workflow fragment[\s\S]*Regenerate it/,
    );
  });

  it('for a stage the pipeline no longer has mean the workflow is stale', async () => {
    const { dir } = project({ 'cd4ml.yaml': PIPELINE, 'raw.txt': 'x' });
    writeFragment(join(dir, 'cd4ml-stage-gone.json'), {
      ...buildFragment(dir, 'a'),
      stage: 'gone',
    });
    await expect(assembleRun(join(dir, 'cd4ml.yaml'))).rejects.toThrow(
      /fragments for stages the pipeline does not have: gone[\s\S]*regenerate it with cd4ml workflow/,
    );
  });
});
