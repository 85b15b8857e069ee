/**
 * Runs from artifacts: the head run from this job's workspace (the directory `cd4ml record
 * --dir` wrote, or a downloaded `.zip`) and downloaded baselines. Both go through core's
 * one safe reader (allow-list, size and ratio caps, no zip-slip).
 */
import { readFile, stat } from 'node:fs/promises';
import { Cd4mlError } from '../../core/errors.js';
import type { SourcedRun } from '../../core/gate/port.js';
import {
  artifactRun,
  readRunArtifactDir,
  readRunArtifactZip,
} from '../../core/run-artifact/read.js';
import { ARTIFACT_LIMITS } from '../../core/run-artifact/layout.js';

/** The head run on disk: a run artifact directory or its `.zip`. */
export async function readRunAt(path: string, input: string): Promise<SourcedRun> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new Cd4mlError('E_USAGE', `input "${input}": ${path} does not exist`, {
      location: { file: 'action inputs', field: input },
      hint: 'run `uses: cd4ml/cd4ml@v1` earlier in this job (it writes .cd4ml/artifact/run), or download the cd4ml-run artifact and pass its directory',
    });
  }
  if (isDir) return artifactRun(await readRunArtifactDir(path, path));
  const bytes = await readFile(path);
  if (bytes.length > ARTIFACT_LIMITS.totalBytes) {
    throw new Cd4mlError('E_ARTIFACT', `is over the ${ARTIFACT_LIMITS.totalBytes}-byte cap`, {
      location: { file: path },
    });
  }
  return artifactRun(readRunArtifactZip(new Uint8Array(bytes), path));
}
