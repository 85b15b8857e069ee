import { runStageChecks } from '../checks/evaluate.js';
import { formatLocation } from '../errors.js';
import type { Stage } from '../pipeline/model.js';
import type { StageResult } from '../run-record/schema.js';
import { pinpoint } from '../yaml/source.js';

/**
 * The stage's checks on its outs, after its command or a restore from the run-cache: a
 * failed check fails the stage, its outs are not cached and the stages after it do not run.
 */
export async function checkOuts(
  stage: Stage,
  root: string,
): Promise<{
  recorded: Pick<StageResult, 'checks'>;
  failure?: Pick<StageResult, 'checks' | 'reason'>;
}> {
  if (stage.checks.length === 0) return { recorded: {} };
  const checks = await runStageChecks(root, stage.checks);
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) return { recorded: { checks } };
  return {
    recorded: { checks },
    failure: {
      checks,
      reason: `stage '${stage.name}' failed ${failed.length} check${failed.length > 1 ? 's' : ''} on its outs (checks at ${formatLocation(pinpoint(stage.checks[0]!.location))}): ${failed.map((c) => c.message).join('; ')}`,
    },
  };
}
