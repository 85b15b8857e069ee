import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cd4mlAggregateError } from '../../core/errors.js';
import { DEFAULT_MODEL_CONFIG, readModelConfig } from './config.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-model-config-'));
  file = join(dir, 'config.yaml');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(text: string): Promise<Cd4mlAggregateError> {
  await writeFile(file, text);
  const error = await readModelConfig(file).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(Cd4mlAggregateError);
  return error as Cd4mlAggregateError;
}

describe('readModelConfig', () => {
  it('is the default config when there is no file, or an empty one', async () => {
    expect(await readModelConfig(file)).toBe(DEFAULT_MODEL_CONFIG);
    await writeFile(file, '# nothing yet\n');
    expect(await readModelConfig(file)).toEqual({
      version_policy: { latest: 1 },
      labels: {},
      batching: { max_batch_size: 64, max_queue_delay_us: 0 },
    });
  });

  it('fills in defaults around what is set', async () => {
    await writeFile(file, 'version_policy: { specific: [1, 3] }\nbatching:\n  enabled: true\n');
    expect(await readModelConfig(file)).toEqual({
      version_policy: { specific: [1, 3] },
      labels: {},
      batching: { enabled: true, max_batch_size: 64, max_queue_delay_us: 0 },
    });
  });

  it('reads a shadow entry with its defaults, and names the field of a bad one', async () => {
    await writeFile(file, 'shadow: { version: 2 }\n');
    expect((await readModelConfig(file)).shadow).toEqual({
      version: 2,
      rate: 1,
      queue_limit: 1024,
      tolerance: { atol: 1e-6, rtol: 1e-4 },
    });
    const error = await failure('shadow:\n  version: 2\n  tolerence: { atol: 0 }\n');
    expect(error.message).toBe(
      `${file}:3:3: shadow.tolerence: unknown key 'tolerence'\n  hint: did you mean 'tolerance'?`,
    );
    expect((await failure('shadow: { rate: 0.5 }\n')).message).toBe(
      `${file}:1:9: shadow.version: is required`,
    );
  });

  it('names the line of a misspelt key and suggests the right one', async () => {
    const error = await failure(
      'version_policy: { latest: 2 }\nbatching:\n  enabled: true\n  max_batch_sise: 8\n',
    );
    expect(error.code).toBe('E_MODEL');
    expect(error.message).toBe(
      `${file}:4:3: batching.max_batch_sise: unknown key 'max_batch_sise'\n  hint: did you mean 'max_batch_size'?`,
    );
  });

  it('names a key that none of the version policies has, and the one it resembles', async () => {
    const error = await failure('version_policy:\n  latset: 1\n');
    expect(error.message).toBe(
      `${file}:2:3: version_policy.latset: unknown key 'latset'\n  hint: did you mean 'latest'?`,
    );
    const other = await failure('version_policy: { newest: 1 }\n');
    expect(other.message).toBe(
      `${file}:1:19: version_policy.newest: unknown key 'newest'\n  hint: valid keys: latest, all, specific`,
    );
  });

  it('reports every problem at once, each at its own line', async () => {
    const error = await failure(
      'labels:\n  stable: 1\n  canary: -2\nbatching:\n  max_queue_delay_us: 1.5\nversion_polcy: { all: true }\n',
    );
    expect(error.errors.map((e) => e.message)).toEqual([
      `${file}:6:1: version_polcy: unknown key 'version_polcy'\n  hint: did you mean 'version_policy'?`,
      `${file}:3:11: labels.canary: must be at least 0, not the number -2`,
      `${file}:5:23: batching.max_queue_delay_us: must be an integer, not the number 1.5`,
    ]);
  });

  it('gives the line of a YAML syntax error', async () => {
    const error = await failure('batching: { max_batch_size: 8\nlabels: {}\n');
    expect(error.code).toBe('E_MODEL');
    expect(error.message).toMatch(
      new RegExp(`^${file.replaceAll('.', '\\.')}:\\d+:\\d+: invalid YAML: `),
    );
  });
});
