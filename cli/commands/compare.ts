import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { GateInput, SourcedRun } from '../../core/gate/port.js';
import { EXIT } from '../exit.js';

interface CompareFlags {
  base?: string;
  head?: string;
  policy?: string;
  format: string;
  root: string;
}

const FORMATS = ['md', 'text', 'json'] as const;

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      'Compare the head run with the base run, apply the gate policy and print the report',
    )
    .option(
      '--base <run|git-ref>',
      'base run: a record file, a run artifact directory or its .zip, or a git ref whose latest stored run is used (default: the merge-base with the base branch: GITHUB_BASE_REF in a pull request job, else the default branch; a shallow clone fetches the history it needs from origin)',
    )
    .option(
      '--head <run>',
      'head run: a record file, a run artifact directory or its .zip (default: the latest run in the local store)',
    )
    .option(
      '--policy <file>',
      'gate policy (default: .github/cd4ml.yml from the base commit, else from the workspace)',
    )
    .option('--format <md|text|json>', 'output: GitHub markdown, terminal text or JSON', 'text')
    .option('--root <dir>', 'workspace root holding .cd4ml/runs', '.')
    .addHelpText('after', '\nExit codes: 0 gate passed or undecided, 1 gate failed, 2 bad input.')
    .action(async (flags: CompareFlags) => {
      const format = FORMATS.find((f) => f === flags.format);
      const { Cd4mlError } = await import('../../core/errors.js');
      if (!format) {
        throw new Cd4mlError('E_USAGE', `unknown --format "${flags.format}"`, {
          location: { file: '<command line>', field: 'format' },
          hint: 'use md, text or json',
        });
      }
      const { runGate, renderGateReport } = await import('../../core/gate/gate.js');
      const { source, input } = await gateInput(flags);
      const result = await runGate(source, input);
      const pc = format === 'text' ? (await import('picocolors')).default : null;
      const style = pc
        ? { good: pc.green, bad: pc.red, warn: pc.yellow, dim: pc.dim, bold: pc.bold }
        : undefined;
      process.stdout.write(renderGateReport(result, format, { style }));
      process.exitCode = result.decision.conclusion === 'failure' ? EXIT.failed : EXIT.ok;
    });
}

/** The local source and what to gate: the head, the base (a run or a commit), the policy. */
async function gateInput(flags: CompareFlags) {
  const local = await import('../../core/gate/local-source.js');
  const { Cd4mlError } = await import('../../core/errors.js');
  const root = resolve(flags.root);
  const git = await local.openGit(root);
  const head = flags.head ? await loadRun(flags.head) : await local.latestStoredRun(root);
  const source = local.localRunSource({ root, git });
  const input: GateInput = { head, baseCommit: null, notes: [] };
  const notes: string[] = [];
  if (flags.policy) {
    input.policy = {
      text: await readInput(flags.policy, 'the policy'),
      file: flags.policy,
    };
  }
  const base = flags.base;
  if (base && local.isRunPath(base)) {
    input.base = await loadRun(base);
    input.baseCommit = input.base.record.git.commit;
  } else if (!git) {
    if (base)
      throw new Cd4mlError(
        'E_USAGE',
        `--base ${base} is not a file, and ${root} is not a git repository to resolve it in`,
        { location: { file: '<command line>', field: 'base' } },
      );
    notes.push('Not a git repository: no baseline to compare with.');
  } else if (base) {
    const { namedBase } = await import('./compare-base.js');
    const found = await namedBase(git, base);
    if (!found) {
      throw new Cd4mlError(
        'E_USAGE',
        `--base "${base}" is neither a run record file nor a git ref`,
        {
          location: { file: '<command line>', field: 'base' },
          hint: 'pass a cd4ml-run.json, a run artifact directory or .zip, or a branch, tag or commit',
        },
      );
    }
    input.baseCommit = found.commit;
    input.baseLabel = base;
    notes.push(...found.notes);
  } else {
    // The baseline rule (core/gate/baseline.ts) starts at merge-base(head, base branch).
    const { defaultBase } = await import('./compare-base.js');
    const headCommit = head.record.git.commit ?? (await local.revParse(git, 'HEAD'));
    const found = headCommit ? await defaultBase(git, headCommit) : null;
    if (!found)
      notes.push(
        'No base branch (GITHUB_BASE_REF, origin/HEAD, main or master) to find a baseline on.',
      );
    else {
      input.baseCommit = found.commit;
      input.headCommit = headCommit;
      input.baseLabel = found.label;
      notes.push(...found.notes);
    }
  }
  input.notes = notes;
  return { source, input };
}

/** A file named on the command line; one that cannot be read is bad input (E_USAGE). */
async function readInput(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const { Cd4mlError } = await import('../../core/errors.js');
    throw new Cd4mlError(
      'E_USAGE',
      `cannot read ${what}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { location: { file } },
    );
  }
}

/** A run named on the command line: a record file, an artifact directory or its `.zip`. */
async function loadRun(path: string): Promise<SourcedRun> {
  const { loadRunPath } = await import('../../core/gate/local-source.js');
  return loadRunPath(path);
}
