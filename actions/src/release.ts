// Entry of actions/release's JavaScript steps (bundled to dist/actions/release.js; the
// composite action runs `node release.js prepare` and `node release.js publish`).
import * as core from '@actions/core';
import { fileURLToPath } from 'node:url';
import { failureMessage } from './failure.js';
import { runReleaseAction } from './release/run.js';

try {
  const phase = process.argv[2];
  if (phase !== 'prepare' && phase !== 'publish') {
    throw new Error(`usage: release.js prepare|publish (got ${phase ?? 'nothing'})`);
  }
  const actionRoot = fileURLToPath(new URL('../..', import.meta.url));
  await runReleaseAction(process.env, phase, { actionRoot });
} catch (error) {
  core.setFailed(failureMessage(error));
}
