import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Cd4mlError } from '../core/errors.js';
import { findPipelineFile } from '../core/pipeline/find.js';

/** `-f/--file`, or the pipeline file found in the current directory. */
export function pipelineFileOption(file: string | undefined): string {
  return file === undefined ? findPipelineFile(process.cwd()) : resolve(file);
}

export function parseJobs(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new Cd4mlError('E_USAGE', `--jobs must be a whole number of at least 1, got '${value}'`, {
      hint: 'e.g. --jobs 4',
    });
  }
  return jobs;
}
