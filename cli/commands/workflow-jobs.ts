import { dirname, relative, resolve } from 'node:path';
import { EXIT } from '../exit.js';

/** `cd4ml workflow fragment`: a stage job's result and lock entry, for the final job. */
export async function fragmentJob(
  pipelineFile: string,
  stage: string,
  file: string,
): Promise<void> {
  const { buildFragment, writeFragment } = await import('../../core/workflow/fragment.js');
  const fragment = buildFragment(dirname(pipelineFile), stage);
  writeFragment(resolve(file), fragment);
  process.stderr.write(`${stage}: ${fragment.result.status} → ${file}\n`);
}

/** `cd4ml workflow assemble`: the final job merges the fragments and writes the run record. */
export async function assembleJob(pipelineFile: string, set: string[]): Promise<void> {
  const [{ assembleRun }, { recordedGit }, { parseOverride }] = await Promise.all([
    import('../../core/workflow/fragment.js'),
    import('../ci-context.js'),
    import('../../core/runner/params.js'),
  ]);
  const overrides = set.map(parseOverride);
  const { record, stored, missing } = await assembleRun(
    pipelineFile,
    (git) => recordedGit(git),
    overrides,
  );
  const counts = new Map<string, number>();
  for (const result of Object.values(record.stages))
    counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
  const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  process.stderr.write(
    `Run ${record.status}: ${summary}. Run record: ${relative(process.cwd(), stored) || stored}${missing.length > 0 ? `\n  no job result for: ${missing.join(', ')}` : ''}\n`,
  );
  if (record.status !== 'success') process.exitCode = EXIT.failed;
}
