// Entry of actions/compare (bundled to dist/actions/compare.js, run by the runner on node24).
import * as core from '@actions/core';
import { runCompareAction } from './compare/run.js';
import { failureMessage } from './failure.js';

try {
  await runCompareAction(process.env);
} catch (error) {
  core.setFailed(failureMessage(error));
}
