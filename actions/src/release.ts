// Entry of actions/release's JavaScript steps (bundled to dist/actions/release.js; the
// composite action runs `node release.js prepare` and `node release.js publish`).
import * as core from '@actions/core';
import { fileURLToPath } from 'node:url';
import { Cd4mlError } from '../../core/errors.js';
import { failureMessage } from './failure.js';
import { runReleaseAction } from './release/run.js';

try {
  const phase = process.argv[2];
  if (phase !== 'prepare' && phase !== 'publish') {
    throw new Cd4mlError(
      'E_USAGE',
      `release.js takes one argument, prepare or publish (got ${phase === undefined ? 'none' : `"${phase}"`})`,
      {
        hint: 'use the action (uses: cd4ml/cd4ml/actions/release@v1), which runs `node dist/actions/release.js prepare`, pushes the image, then runs `… publish`',
      },
    );
  }
  const actionRoot = fileURLToPath(new URL('../..', import.meta.url));
  await runReleaseAction(process.env, phase, { actionRoot });
} catch (error) {
  core.setFailed(failureMessage(error));
}
