import { artifactRun, readRunArtifactZip } from '../core/run-artifact/read.js';
import type { ZipRunReader } from './run-source.js';

/** A downloaded `cd4ml-run` zip through core's safe reader (caps, allow-list, no zip-slip), in memory. */
export const readRunZip: ZipRunReader = (zip, source) => {
  try {
    return Promise.resolve(artifactRun(readRunArtifactZip(zip, source)));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
};
