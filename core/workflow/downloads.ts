import type { Stage } from '../pipeline/model.js';
import { artifactNameFor } from './ids.js';
import { ACTIONS, type JobPlan, type Step } from './model.js';
import type { JobGraph } from './plan.js';

/** What a stage leaves for later jobs: its outs (metrics included) and its plots files. */
export function written(stage: Stage): string[] {
  return [...new Set([...stage.outs.map((o) => o.path), ...(stage.plots ?? [])])];
}

/** Where a job downloads to, and which artifact holds each stage's outs. */
export interface DownloadContext {
  graph: JobGraph;
  artifacts: ReadonlyMap<string, string>;
  /** The pipeline's directory, `.` for the repository root. */
  path: string;
}

/**
 * Download steps for the parents' outs: one per parent stage, or one `pattern` step for
 * all members of a matrix job when the stage reads them all (a fan-in such as `select`
 * after `train@*`). The members' artifacts, and only theirs, start with `<prefix><group>@`.
 * `tolerant`: by pattern, so a stage whose job never ran leaves nothing instead of failing.
 */
export function downloads(
  parents: readonly string[],
  ctx: DownloadContext,
  tolerant = false,
): Step[] {
  const { graph, artifacts, path } = ctx;
  const steps: Step[] = [];
  const done = new Set<string>();
  for (const up of parents) {
    if (done.has(up)) continue;
    const plan: JobPlan = graph.plans[graph.unitOf.get(up)!]!;
    const members = plan.stages.map((s) => s.name);
    if (plan.matrix && members.every((m) => parents.includes(m))) {
      members.forEach((m) => done.add(m));
      const group = plan.stages[0]!.group!.name;
      steps.push({
        name: `Download the outs of ${group}@*`,
        uses: ACTIONS.download,
        with: { pattern: `${artifactNameFor(group)}@*`, 'merge-multiple': true, path },
      });
      continue;
    }
    done.add(up);
    steps.push({
      name: `Download the outs of ${up}`,
      uses: ACTIONS.download,
      // By `name`, a missing artifact fails the step (a parent must have left its outs);
      // the final job's `pattern` (the name itself, escaped) lets a stage whose job never
      // ran leave nothing.
      with: tolerant
        ? { pattern: escapeGlob(artifacts.get(up)!), 'merge-multiple': true, path }
        : { name: artifacts.get(up)!, path },
    });
  }
  return steps;
}

/** An artifact name as a minimatch pattern that matches only itself (names hold no `\\`). */
function escapeGlob(name: string): string {
  return name.replace(/[*?[\]{}()!+@]/g, '\\$&');
}
