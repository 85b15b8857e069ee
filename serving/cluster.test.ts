import { describe, expect, it } from 'vitest';
import { SERVER_V8_FLAGS, WORKER_V8_FLAGS, workerExecArgv } from './cluster.js';

describe('workerExecArgv', () => {
  it("adds the workers' V8 flags after the primary's own arguments", () => {
    expect(workerExecArgv(['--enable-source-maps'])).toEqual([
      '--enable-source-maps',
      '--single-threaded-gc',
      '--min-semi-space-size=16',
      '--max-semi-space-size=32',
    ]);
    expect(WORKER_V8_FLAGS).toEqual(['--single-threaded-gc', ...SERVER_V8_FLAGS]);
  });

  it('keeps a value the user chose, on the command line or in NODE_OPTIONS, in either spelling', () => {
    expect(workerExecArgv(['--max-semi-space-size=8', '--min-semi-space-size=4'])).toEqual([
      '--max-semi-space-size=8',
      '--min-semi-space-size=4',
      '--single-threaded-gc',
    ]);
    expect(
      workerExecArgv(['--min-semi-space-size=1'], '--max_semi_space_size=64 --single-threaded-gc'),
    ).toEqual(['--min-semi-space-size=1']);
    expect(workerExecArgv(['--single-threaded-gc'], '  ')).toEqual([
      '--single-threaded-gc',
      '--min-semi-space-size=16',
      '--max-semi-space-size=32',
    ]);
  });

  it('does not mistake a flag with a longer name for one of its own', () => {
    expect(workerExecArgv(['--max-semi-space-size-extra=1'])).toContain('--max-semi-space-size=32');
  });
});
