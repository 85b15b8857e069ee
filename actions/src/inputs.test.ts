import { describe, expect, it } from 'vitest';
import { compareInputs, pipelineInputs, rawInput, releaseInputs } from './inputs.js';

describe('action inputs', () => {
  it('reads INPUT_<NAME> as the runner sets it, and the composite spelling with _', () => {
    expect(rawInput({ 'INPUT_WORKING-DIRECTORY': ' sub ' }, 'working-directory')).toBe('sub');
    expect(rawInput({ INPUT_WORKING_DIRECTORY: 'sub' }, 'working-directory')).toBe('sub');
    expect(rawInput({ 'INPUT_WORKING-DIRECTORY': '  ' }, 'working-directory')).toBeUndefined();
  });

  it('parses the pipeline step’s inputs once, with defaults', () => {
    const inputs = pipelineInputs({
      INPUT_STAGES: 'train, evaluate\nselect',
      INPUT_SET: 'train.C=0.5\n# a comment\n\nprepare.split=0.2',
      INPUT_JOBS: '4',
      INPUT_FORCE: 'true',
    });
    expect(inputs).toMatchObject({
      stages: ['train', 'evaluate', 'select'],
      set: ['train.C=0.5', 'prepare.split=0.2'],
      jobs: 4,
      force: true,
      mode: 'run',
      workingDirectory: '.',
      artifactDir: '.cd4ml/artifact',
      baseline: true,
      summary: true,
    });
  });

  it('takes mode: record (the compiled workflow’s final job)', () => {
    expect(pipelineInputs({ INPUT_MODE: 'record' }).mode).toBe('record');
  });

  it.each([
    [{ INPUT_JOBS: '0' }, 'input "jobs" is "0"', 'use a whole number from 1 to 1024'],
    [{ INPUT_JOBS: '2.5' }, 'input "jobs" is "2.5"', 'whole number'],
    [{ INPUT_FORCE: 'yes' }, 'input "force" is "yes", not a boolean', 'use true or false'],
    [{ INPUT_SET: 'train.C' }, 'input "set" has "train.C", not key=value', 'one override per line'],
    [{ INPUT_MODE: 'assemble' }, 'input "mode" is "assemble"', 'use `run`'],
  ])('refuses %o naming the input and the fix', (env, what, fix) => {
    expect(() => pipelineInputs(env)).toThrow(what);
    expect(() => pipelineInputs(env)).toThrow(fix);
  });

  it('compare needs a token, and says which permissions it needs', () => {
    expect(() => compareInputs({})).toThrow(/input "token" is required[\s\S]*actions: read/);
    expect(compareInputs({ INPUT_TOKEN: 't' })).toMatchObject({
      head: '.cd4ml/artifact/run',
      comment: true,
      failOnGate: true,
      artifactName: 'cd4ml-run',
    });
  });

  it('release takes the tag from the ref, or asks for one', () => {
    expect(releaseInputs({ INPUT_TOKEN: 't', GITHUB_REF: 'refs/tags/v2.0.1' }, 'prepare').tag).toBe(
      'v2.0.1',
    );
    expect(() =>
      releaseInputs({ INPUT_TOKEN: 't', GITHUB_REF: 'refs/heads/main' }, 'prepare'),
    ).toThrow(/input "tag" is empty[\s\S]*push: tags: \[v\*\]/);
  });
});
