// Entry of the root action's pipeline step (bundled to dist/actions/pipeline.js; the
// composite action runs it with `node`, its inputs passed as INPUT_* variables).
import * as core from '@actions/core';
import { fileURLToPath } from 'node:url';
import { failureMessage } from './failure.js';
import { runPipelineAction } from './pipeline/run.js';

try {
  // dist/actions/pipeline.js and actions/src/pipeline.ts both sit two levels below the root.
  const cli = fileURLToPath(new URL('../../bin/cd4ml.js', import.meta.url));
  await runPipelineAction(process.env, { cli });
} catch (error) {
  core.setFailed(failureMessage(error));
}
