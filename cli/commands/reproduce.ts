import type { Command } from 'commander';
import type { SimpleGit } from 'simple-git';
import { availableParallelism, constants } from 'node:os';
import { resolve } from 'node:path';
import { Cd4mlError } from '../../core/errors.js';
import type { SourcedRun } from '../../core/gate/port.js';
import type { Reproduction } from '../../core/reproduce/reproduce.js';
import type { Tolerance } from '../../core/reproduce/verdict.js';
import type { ParamOverride } from '../../core/runner/params.js';
import { EXIT } from '../exit.js';
import { parseJobs } from '../options.js';

interface ReproduceFlags {
  set?: string[];
  tolerance: string;
  metricsOnly?: boolean;
  allowDirty?: boolean;
  strictEnv?: boolean;
  keep?: boolean;
  json?: boolean;
  jobs?: string;
  root: string;
  on?: string;
  wait?: boolean;
  workflow: string;
  ref?: string;
  timeout: string;
}

const WHERE = (field: string) => ({ file: '<command line>', field });

export function registerReproduce(program: Command): void {
  program
    .command('reproduce')
    .description(
      'Replay a recorded run from its commit, params and overrides in a temporary git worktree, and compare its metrics and outs with the record',
    )
    .argument(
      '<run>',
      'a run id (or prefix), a commit or git revision, a cd4ml-run.json, or a run artifact directory or .zip',
    )
    .option(
      '-S, --set <key=value>',
      'override a param on top of the recorded overrides (repeatable)',
      (value: string, all: string[] | undefined) => [...(all ?? []), value],
    )
    .option(
      '--tolerance <abs|pct%>',
      'how far a metric may move and still match: 1e-6, or 0.5%',
      '0',
    )
    .option('--metrics-only', "compare metrics only, not the hashes of the stages' outs")
    .option(
      '--allow-dirty',
      'reproduce a run made from a tree with uncommitted changes, from its commit',
    )
    .option('--strict-env', 'exit 2 when the environment differs from the recorded one')
    .option('--keep', 'keep the worktree and print its path')
    .option('--json', 'print the comparison as JSON')
    .option(
      '-j, --jobs <n>',
      `stages to run at once (default: CPU count, ${availableParallelism()})`,
    )
    .option('--root <dir>', "workspace root holding .cd4ml/runs (the pipeline's directory)", '.')
    .option(
      '--on <where>',
      'reproduce elsewhere: `github` dispatches the pipeline workflow (GITHUB_TOKEN)',
    )
    .option('--wait', 'with --on github: wait for the workflow run and compare its record')
    .option(
      '--timeout <minutes>',
      'with --wait: stop waiting after this long (exit 3; the run goes on)',
      '60',
    )
    .option('--workflow <file>', 'with --on github: the workflow to dispatch', 'reproduce.yml')
    .option(
      '--ref <branch>',
      "with --on github: the branch to run the workflow from (default: the repository's default branch)",
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 the reproduction matches, 1 something differs (named in the output), 2 it cannot run (unknown run, dirty record, missing commit, --strict-env difference), 130 Ctrl-C.',
    )
    .action(async (spec: string, flags: ReproduceFlags) => {
      const { tolerance, timeoutMs } = await checkFlags(flags);
      const root = resolve(flags.root);
      const [{ parseOverride }, { resolveRun }, { knownRuns }, { openGit }] = await Promise.all([
        import('../../core/runner/params.js'),
        import('../../core/reproduce/resolve.js'),
        import('../../core/store/known-runs.js'),
        import('../../core/gate/local-source.js'),
      ]);
      const overrides = (flags.set ?? []).map(parseOverride);
      const git = await openGit(root);
      const run = await resolveRun(spec, await knownRuns(root), git);
      if (flags.on === 'github') {
        process.exitCode = await onGitHub(run, overrides, flags, { tolerance, timeoutMs }, git);
        return;
      }
      process.exitCode = await reproduceLocally(root, run, overrides, flags, tolerance);
    });
}

/** `--on github`: the repository from the environment or the origin remote, the token from the environment. */
async function onGitHub(
  run: SourcedRun,
  overrides: ParamOverride[],
  flags: ReproduceFlags,
  checked: { tolerance: Tolerance; timeoutMs: number },
  git: SimpleGit | null,
): Promise<number> {
  const { reproduceOnGitHub, repositoryOfRemote } = await import('./reproduce-github.js');
  const remote = git
    ? await git.raw(['config', '--default', '', '--get', 'remote.origin.url'])
    : '';
  return reproduceOnGitHub({
    run,
    overrides,
    tolerance: checked.tolerance,
    metricsOnly: Boolean(flags.metricsOnly),
    workflow: flags.workflow,
    ref: flags.ref,
    wait: Boolean(flags.wait),
    json: Boolean(flags.json),
    repository: process.env.GITHUB_REPOSITORY ?? repositoryOfRemote(remote.trim()),
    token: process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN,
    apiUrl: process.env.GITHUB_API_URL,
    timeoutMs: checked.timeoutMs,
  });
}

/** The flags that need more than commander checks: the tolerance, where, and the wait's timeout. */
async function checkFlags(
  flags: ReproduceFlags,
): Promise<{ tolerance: Tolerance; timeoutMs: number }> {
  const { parseTolerance } = await import('../../core/reproduce/verdict.js');
  const tolerance = parseTolerance(flags.tolerance);
  if (!tolerance) {
    throw new Cd4mlError(
      'E_USAGE',
      `--tolerance "${flags.tolerance}" is not a number or a percentage`,
      {
        location: WHERE('tolerance'),
        hint: 'e.g. --tolerance 1e-6 (absolute) or --tolerance 0.5% (relative)',
      },
    );
  }
  if (flags.on !== undefined && flags.on !== 'github') {
    throw new Cd4mlError('E_USAGE', `--on "${flags.on}" is not a place cd4ml can reproduce on`, {
      location: WHERE('on'),
      hint: 'use --on github, or leave it out to reproduce locally',
    });
  }
  if (flags.wait && flags.on === undefined)
    throw new Cd4mlError('E_USAGE', '--wait needs --on github', { location: WHERE('wait') });
  const minutes = Number(flags.timeout);
  if (!/^\d+(\.\d+)?$/.test(flags.timeout) || !(minutes > 0) || minutes > 24 * 60) {
    throw new Cd4mlError('E_USAGE', `--timeout "${flags.timeout}" is not a number of minutes`, {
      location: WHERE('timeout'),
      hint: 'e.g. --timeout 90 (minutes, more than 0 and at most 1440)',
    });
  }
  return { tolerance, timeoutMs: minutes * 60_000 };
}

async function reproduceLocally(
  root: string,
  run: SourcedRun,
  overrides: ParamOverride[],
  flags: ReproduceFlags,
  tolerance: Tolerance,
): Promise<number> {
  const [{ reproduceRun }, { killRunningGroups, ShellPool }, progress, render] = await Promise.all([
    import('../../core/reproduce/reproduce.js'),
    import('../../core/runner/process.js'),
    import('../progress.js'),
    import('./reproduce-render.js'),
  ]);
  const jobs = parseJobs(flags.jobs);
  const shells = new ShellPool();
  const reporter = progress.lineReporter();
  let removeWorktree: (() => void) | undefined;
  const interrupt = (signal: NodeJS.Signals): void => {
    killRunningGroups();
    shells.close();
    removeWorktree?.();
    process.stderr.write(
      `cd4ml: interrupted by ${signal}; the reproduction's worktree was removed\n`,
    );
    process.exit(128 + (constants.signals[signal] ?? 2));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  process.once('SIGHUP', interrupt);
  process.stderr.write(
    `cd4ml: reproducing ${run.record.id} (commit ${run.record.git.commit?.slice(0, 12) ?? '?'}) from ${run.source}\n`,
  );
  let reproduction: Reproduction;
  try {
    reproduction = await reproduceRun({
      root,
      run,
      overrides,
      tolerance,
      metricsOnly: Boolean(flags.metricsOnly),
      allowDirty: Boolean(flags.allowDirty),
      strictEnv: Boolean(flags.strictEnv),
      keep: Boolean(flags.keep),
      jobs,
      shells,
      onWorktree: (worktree) => (removeWorktree = () => worktree.remove()),
      onEnvironment: (differences) => process.stderr.write(render.environmentText(differences)),
      onEvent: (event) => reporter.onEvent(event),
    });
  } finally {
    reporter.done();
    shells.close();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    process.off('SIGHUP', interrupt);
  }
  process.stdout.write(
    flags.json
      ? render.reproductionJson(run.record, reproduction)
      : render.reproductionText(run.record, reproduction),
  );
  return reproduction.verdict.matches ? EXIT.ok : EXIT.failed;
}
